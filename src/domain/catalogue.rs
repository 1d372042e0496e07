//! The catalogue of target offers: the internal clouds PI and NUBO, the SecNumCloud-qualified
//! commercial offers known to the app, and the kinds of offer that are not eligible, each with its
//! source and the date it was last checked. Data in `assets/catalogue.ron`, French with its
//! English beside it (`name_en`…) for the English interface; a dossier records the French name.

use serde::{Deserialize, Serialize};

use super::dates::Date;
use super::dossier::{Target, TargetKind};

/// One offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// A stable id (`outscale-iaas`).
    pub id: String,
    /// The kind of hosting it is.
    pub kind: TargetKind,
    /// Who provides it.
    pub provider: String,
    /// Who provides it, in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provider_en: String,
    /// The offer's name.
    pub name: String,
    /// The offer's name in English, for display: the dossier keeps the French name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// The type of service (`IaaS`, `PaaS`, `SaaS`…).
    pub service: String,
    /// The type of service, in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub service_en: String,
    /// For a qualified offer, the qualification it holds.
    #[serde(default)]
    pub qualification: Option<String>,
    /// The qualification, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_en: Option<String>,
    /// For an offer that is not eligible, why.
    #[serde(default)]
    pub not_eligible_because: Option<String>,
    /// Why not eligible, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_eligible_because_en: Option<String>,
    /// Where the information comes from.
    pub source: String,
    /// Where the information comes from, in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_en: String,
    /// When it was last checked.
    pub checked_on: Date,
}

/// Every offer the app knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// A note shown above the list (qualifications change: check the official list).
    pub note: String,
    /// The note in English.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note_en: String,
    /// The offers.
    pub offers: Vec<Offer>,
}

impl Catalogue {
    /// The catalogue compiled into the binary.
    ///
    /// # Errors
    /// A message saying what is wrong with the file (checked by the tests).
    pub fn builtin() -> Result<Self, String> {
        ron::from_str(include_str!("../../assets/catalogue.ron"))
            .map_err(|e| format!("assets/catalogue.ron : {e}"))
    }

    /// The offer with this id.
    #[must_use]
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == id)
    }

    /// The catalogued offer a target names, by id or, failing that, by name.
    #[must_use]
    pub fn find(&self, target: &Target) -> Option<&Offer> {
        target
            .catalogue_id
            .as_deref()
            .and_then(|id| self.offer(id))
            .or_else(|| {
                let name = target.offer.trim();
                self.offers
                    .iter()
                    .find(|o| !name.is_empty() && o.name.eq_ignore_ascii_case(name))
            })
    }

    /// The offers of one kind.
    pub fn of_kind(&self, kind: TargetKind) -> impl Iterator<Item = &Offer> {
        self.offers.iter().filter(move |o| o.kind == kind)
    }
}
