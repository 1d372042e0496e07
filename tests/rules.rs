//! Each rule of RULES.md on both sides of its line: the example dossier says nothing, one change
//! makes the rule speak, with the figures in its message.

use dossier_cloud::domain::dossier::{
    ApplicantKind, Attachment, AttachmentKind, Category, Commitment, Extension, InternalOffer,
    Measure, Operation, Origin, Sensitivity, Target, TargetKind,
};
use dossier_cloud::domain::{Amount, Date, Dossier, Rate, Severity, Step};

use crate::common::{assert_finding, assert_silent, evaluate, example, line, ready};

fn date(text: &str) -> Date {
    Date::parse_iso(text).expect("test date")
}

fn rate(text: &str) -> Rate {
    Rate::new(text.parse().expect("decimal")).expect("rate")
}

/// The example with its budget replaced by one external-service line of `amount`.
fn with_base(amount: &str) -> Dossier {
    let mut d = ready();
    d.budget.lines = vec![line("Prestation", Category::ExternalService, 2027, amount)];
    d
}

fn first_app(d: &mut Dossier) -> &mut dossier_cloud::domain::dossier::Application {
    match &mut d.operations[0] {
        Operation::Migration { applications } => &mut applications[0],
        Operation::Extension(_) => panic!("the example starts with a migration"),
    }
}

#[test]
fn the_examples_are_ready_to_file() {
    for name in [
        "migration-secnumcloud.ron",
        "extension-pi.ron",
        "combined.ron",
        "itn9-reconstruction.ron",
    ] {
        let ev = evaluate(&example(name));
        assert!(!ev.is_blocked(), "{name}: {:#?}", ev.findings);
        assert_eq!(ev.count(Severity::Warning), 0, "{name}: {:#?}", ev.findings);
    }
}

#[test]
fn applicant_kind() {
    let mut d = ready();
    d.applicant.kind = Some(ApplicantKind::StateOperator);
    assert_silent(&d, "FTAP-APPLICANT");
    d.applicant.kind = Some(ApplicantKind::LocalAuthority);
    let f = assert_finding(
        &d,
        "FTAP-APPLICANT",
        Severity::Blocking,
        &["Collectivité territoriale", "n'est pas éligible"],
    );
    assert_eq!(f.step, Step::Applicant);
    assert_eq!(f.field.as_deref(), Some("applicant.kind"));
    d.applicant.kind = None;
    assert_finding(
        &d,
        "FTAP-APPLICANT",
        Severity::Blocking,
        &["Indiquez si le demandeur"],
    );
}

#[test]
fn applicant_details() {
    let mut d = ready();
    d.applicant.contact.email = "elodie.cote".into();
    assert_finding(
        &d,
        "DOSSIER-APPLICANT",
        Severity::Blocking,
        &["« elodie.cote »", "adresse électronique"],
    );
    d.applicant.contact.email.clear();
    d.applicant.ministry = "  ".into();
    assert_finding(
        &d,
        "DOSSIER-APPLICANT",
        Severity::Blocking,
        &["ministère de rattachement"],
    );
    assert_finding(
        &d,
        "DOSSIER-APPLICANT",
        Severity::Blocking,
        &["adresse électronique de la personne"],
    );
}

#[test]
fn operation_types() {
    let mut d = ready();
    d.operations.clear();
    assert_finding(
        &d,
        "FTAP-OPTYPES",
        Severity::Blocking,
        &["au moins un type d'opération"],
    );
    d.operations.push(Operation::Migration {
        applications: vec![],
    });
    assert_finding(
        &d,
        "FTAP-OPTYPES",
        Severity::Blocking,
        &["aucune application"],
    );
    // Both types combined in one dossier are fine.
    assert_silent(&example("combined.ron"), "FTAP-OPTYPES");
}

#[test]
fn target_must_be_pi_nubo_or_secnumcloud() {
    let mut d = ready();
    first_app(&mut d).target = Some(Target {
        kind: TargetKind::Pi,
        offer: String::new(),
        catalogue_id: None,
        qualification_ref: None,
    });
    assert_silent(&d, "FTAP-TARGET");
    first_app(&mut d).data_sensitivity = Some(Sensitivity::NonSensitive);
    first_app(&mut d).target.as_mut().expect("target").kind = TargetKind::GenericExternal;
    let f = assert_finding(
        &d,
        "FTAP-TARGET",
        Severity::Blocking,
        &[
            "« Archives en ligne »",
            "seules les offres PI, NUBO ou qualifiées SecNumCloud",
        ],
    );
    assert_eq!(
        f.field.as_deref(),
        Some("operations[0].applications[0].target")
    );
    assert_eq!(f.step, Step::Target, "under the step that shows the target");
}

#[test]
fn every_finding_is_under_the_step_that_shows_its_field() {
    // Failed before: a missing target was listed under « Origine et données » (its rule's step)
    // while « Hébergement cible » said ✓.
    let mut d = ready();
    first_app(&mut d).target = None;
    d.project.title.clear();
    d.budget.lines[0].label.clear();
    let ev = evaluate(&d);
    assert!(ev.findings.len() >= 3, "{:#?}", ev.findings);
    for f in &ev.findings {
        if let Some(field) = &f.field
            && let Some(step) = Step::of_field(field)
        {
            assert_eq!(f.step, step, "{} ({field})", f.rule);
        }
    }
    assert!(
        ev.of_step(Step::Target)
            .any(|f| f.field.as_deref() == Some("operations[0].applications[0].target"))
    );
    assert!(
        ev.of_step(Step::Operations)
            .any(|f| f.field.as_deref() == Some("project.title"))
    );
}

#[test]
fn an_unlisted_qualified_offer_needs_its_reference() {
    let mut d = ready();
    first_app(&mut d).target = Some(Target {
        kind: TargetKind::SecNumCloud,
        offer: "Nuage Souverain Exemple".into(),
        catalogue_id: None,
        qualification_ref: None,
    });
    assert_finding(
        &d,
        "FTAP-TARGET",
        Severity::Warning,
        &["« Nuage Souverain Exemple »", "référence de qualification"],
    );
    first_app(&mut d)
        .target
        .as_mut()
        .expect("target")
        .qualification_ref = Some("ANSSI-SNC-2026-01".into());
    assert_silent(&d, "FTAP-TARGET");
    // A catalogued offer is recognised by its name alone.
    let target = first_app(&mut d).target.as_mut().expect("target");
    target.qualification_ref = None;
    target.offer = "Cloud Temple — Secure Temple (IaaS)".into();
    assert_silent(&d, "FTAP-TARGET");
}

#[test]
fn origin_already_trusted_means_contact_dinum() {
    let mut d = ready();
    first_app(&mut d).origin = Some(Origin::CloudNotQualified);
    assert_silent(&d, "FTAP-ORIGIN");
    first_app(&mut d).origin = Some(Origin::TrustedCloud);
    assert_finding(
        &d,
        "FTAP-ORIGIN",
        Severity::Warning,
        &["infonuage.dinum@modernisation.gouv.fr"],
    );
}

#[test]
fn application_details_are_required() {
    let mut d = ready();
    first_app(&mut d).origin = None;
    first_app(&mut d).data_sensitivity = None;
    assert_finding(
        &d,
        "DOSSIER-APPLICATIONS",
        Severity::Blocking,
        &["hébergement d'origine de l'application « Archives en ligne »"],
    );
    assert_finding(
        &d,
        "DOSSIER-APPLICATIONS",
        Severity::Blocking,
        &["sensibilité des données"],
    );
}

#[test]
fn doctrine_diffusion_restreinte_goes_to_pi_only() {
    let mut d = ready();
    first_app(&mut d).data_sensitivity = Some(Sensitivity::DiffusionRestreinte);
    let f = assert_finding(
        &d,
        "DOC-INTERNAL",
        Severity::Blocking,
        &["Diffusion Restreinte", "PI (cloud interne"],
    );
    assert_eq!(f.step, Step::Target);
    first_app(&mut d).target.as_mut().expect("target").kind = TargetKind::Nubo;
    assert_finding(&d, "DOC-INTERNAL", Severity::Blocking, &["NUBO"]);
    first_app(&mut d).target.as_mut().expect("target").kind = TargetKind::Pi;
    assert_silent(&d, "DOC-INTERNAL");
}

#[test]
fn doctrine_sensitive_data_stays_off_generic_clouds() {
    let mut d = ready();
    first_app(&mut d).target.as_mut().expect("target").kind = TargetKind::GenericExternal;
    assert_finding(
        &d,
        "DOC-TRUSTED",
        Severity::Blocking,
        &["Données sensibles"],
    );
    first_app(&mut d).data_sensitivity = Some(Sensitivity::NonSensitive);
    assert_silent(&d, "DOC-TRUSTED");
    assert_silent(&d, "DOC-GENERIC");
}

fn extension(commitments: Vec<Commitment>) -> Dossier {
    let mut d = example("extension-pi.ron");
    let Operation::Extension(ext) = &mut d.operations[0] else {
        panic!("the example is an extension")
    };
    ext.commitments = commitments;
    d
}

#[test]
fn extension_needs_offer_and_services() {
    let mut d = example("extension-pi.ron");
    assert_silent(&d, "FTAP-EXT-SCOPE");
    d.operations = vec![Operation::Extension(Extension {
        offer: Some(InternalOffer::Nubo),
        services: vec![" ".into()],
        commitments: vec![],
    })];
    assert_finding(
        &d,
        "FTAP-EXT-SCOPE",
        Severity::Blocking,
        &["au moins un service", "NUBO"],
    );
    d.operations = vec![Operation::Extension(Extension::default())];
    assert_finding(&d, "FTAP-EXT-SCOPE", Severity::Blocking, &["PI ou NUBO"]);
}

#[test]
fn extension_needs_a_third_ministry_commitment() {
    let d = extension(vec![]);
    assert_finding(
        &d,
        "FTAP-EXT-COMMIT",
        Severity::Blocking,
        &["au moins 1 engagement", "en compte 0"],
    );

    // PI is run by the Interior ministry: its own commitment is not a third ministry's.
    let d = extension(vec![Commitment {
        ministry: "Ministère de l'Intérieur".into(),
        document: "Lettre d'engagement MTE".into(),
    }]);
    assert_finding(
        &d,
        "FTAP-EXT-COMMIT",
        Severity::Warning,
        &["ne compte pas", "ministère de l'Intérieur"],
    );
    assert_finding(&d, "FTAP-EXT-COMMIT", Severity::Blocking, &["en compte 0"]);

    let d = extension(vec![Commitment {
        ministry: "Ministère de la Justice".into(),
        document: "Lettre d'engagement Justice".into(),
    }]);
    assert_silent(&d, "FTAP-EXT-COMMIT");

    let d = extension(vec![Commitment {
        ministry: "Ministère de la Justice".into(),
        document: "Lettre perdue".into(),
    }]);
    assert_finding(
        &d,
        "FTAP-EXT-COMMIT",
        Severity::Blocking,
        &["« Lettre perdue », absent des pièces jointes"],
    );
}

#[test]
fn size_bounds_on_the_cost_base() {
    let f = assert_finding(&with_base("60000.00"), "FTAP-SIZE", Severity::Blocking, &[]);
    assert_eq!(
        crate::common::plain(&f.message),
        "La base de coûts, 60 000,00 €, est sous le plancher de 100 000,00 € TTC."
    );
    assert_finding(
        &with_base("99999.99"),
        "FTAP-SIZE",
        Severity::Blocking,
        &["99 999,99 €"],
    );
    assert_silent(&with_base("100000.00"), "FTAP-SIZE");
    assert_silent(&with_base("3000000.00"), "FTAP-SIZE");
    assert_finding(
        &with_base("3000000.01"),
        "FTAP-SIZE",
        Severity::Blocking,
        &["dépasse le plafond de 3 000 000,00 €"],
    );
    let mut d = ready();
    d.budget.lines.clear();
    assert_finding(&d, "FTAP-SIZE", Severity::Blocking, &["aucune ligne"]);
}

#[test]
fn excluded_costs_do_not_count_towards_the_size() {
    let mut d = with_base("90000.00");
    d.budget
        .lines
        .push(line("Serveurs", Category::Hardware, 2027, "60000.00"));
    assert_finding(&d, "FTAP-SIZE", Severity::Blocking, &["90 000,00 €"]);
}

#[test]
fn minimum_eligible_on_the_cost_base() {
    // One threshold at a time (failed before: 49 999,99 € of base brought the 100 000 € floor,
    // the 50 000 € minimum and the 50 000 € of cofunding, three minimums at once): the floor
    // says it all, the others are implied (`implied_by`, data).
    let low = with_base("49999.99");
    assert_finding(
        &low,
        "FTAP-SIZE",
        Severity::Blocking,
        &["49 999,99 €", "plancher de 100 000,00 €"],
    );
    assert_silent(&low, "FTAP-MIN-ELIGIBLE");
    // Without the floor (a window that has none), the minimum speaks for itself.
    let knowledge = crate::common::knowledge();
    let mut rules = knowledge.rules.window("FTAP-2023").expect("window").clone();
    rules.rules.retain(|r| r.id != "FTAP-SIZE");
    let alone = dossier_cloud::domain::Evaluation::of(&low, &rules, &knowledge.catalogue);
    let minimum: Vec<_> = alone
        .findings
        .iter()
        .filter(|f| f.rule == "FTAP-MIN-ELIGIBLE")
        .collect();
    assert_eq!(
        minimum.len(),
        1,
        "the minimum, and not the cofunding's advice: {minimum:?}"
    );
    assert_eq!(minimum[0].severity, Severity::Blocking);
    assert!(
        crate::common::plain(&minimum[0].message).contains("minimum éligible de 50 000,00 €"),
        "{}",
        minimum[0].message
    );
    let d = with_base("100000.00");
    assert!(
        crate::common::findings_of(&d, "FTAP-MIN-ELIGIBLE")
            .iter()
            .all(|f| f.severity != Severity::Blocking)
    );
}

#[test]
fn the_other_reading_is_advice_on_the_cofunding() {
    let mut d = with_base("100000.00");
    assert_silent(&d, "FTAP-MIN-ELIGIBLE");
    d.budget.requested_rate = Some(rate("0.40"));
    assert_finding(
        &d,
        "FTAP-MIN-ELIGIBLE",
        Severity::Advisory,
        &["40 000,00 €", "sous 50 000,00 €"],
    );
}

#[test]
fn rate_cap() {
    let mut d = ready();
    d.budget.requested_rate = Some(rate("0.50"));
    assert_silent(&d, "FTAP-RATE");
    d.budget.requested_rate = Some(rate("0.30"));
    assert_silent(&d, "FTAP-RATE");
    d.budget.requested_rate = Some(rate("0.51"));
    let f = assert_finding(
        &d,
        "FTAP-RATE",
        Severity::Blocking,
        &["51 %", "plafond du guichet (50 %)"],
    );
    assert_eq!(f.field.as_deref(), Some("budget.requested_rate"));
}

#[test]
fn training_share() {
    // 20 000 of training on a 100 000 base is exactly the 20 % mark: fine.
    let mut d = with_base("80000.00");
    d.budget
        .lines
        .push(line("Formation", Category::Training, 2027, "20000.00"));
    assert_silent(&d, "FTAP-TRAINING");
    d.budget.lines[1].amount_ttc = Amount::parse_plain("20010.00").expect("amount");
    assert_finding(
        &d,
        "FTAP-TRAINING",
        Severity::Warning,
        &["20 010,00 €", "20 %"],
    );
}

#[test]
fn fast_impact_within_six_months() {
    let mut d = ready();
    d.project.start = Some(date("2027-01-15"));
    d.project.first_impact = Some(date("2027-07-15"));
    assert_silent(&d, "FTAP-FAST");
    d.project.first_impact = Some(date("2027-07-16"));
    assert_finding(
        &d,
        "FTAP-FAST",
        Severity::Advisory,
        &["6 mois et 1 jour après"],
    );
}

#[test]
fn schedule_is_complete_and_in_order() {
    let mut d = ready();
    d.project.first_impact = Some(date("2026-12-01"));
    assert_finding(
        &d,
        "DOSSIER-SCHEDULE",
        Severity::Blocking,
        &["01/12/2026", "précède le démarrage (04/01/2027)"],
    );
    d.project.first_impact = None;
    assert_finding(
        &d,
        "DOSSIER-SCHEDULE",
        Severity::Blocking,
        &["premier impact réel"],
    );
}

#[test]
fn budget_lines_fall_within_the_project_years() {
    let mut d = ready();
    d.budget.lines[0].year = 2030;
    let found = assert_finding(
        &d,
        "DOSSIER-BUDGET-YEARS",
        Severity::Warning,
        &["ligne n°1", "2030", "(2027–2028)"],
    );
    assert_eq!(
        found.field.as_deref(),
        Some("budget.lines[0].year"),
        "leads to the line"
    );
    assert_silent(&d, "DOSSIER-BUDGET");
    d.budget.lines[0].year = 2026;
    assert_finding(&d, "DOSSIER-BUDGET-YEARS", Severity::Warning, &["2026"]);
    d.budget.lines[0].year = 2028;
    assert_silent(&d, "DOSSIER-BUDGET-YEARS");
}

#[test]
fn mandatory_indicators() {
    let mut d = ready();
    d.indicators.savings.baseline = None;
    assert_finding(
        &d,
        "FTAP-IND-MANDATORY",
        Severity::Blocking,
        &["économies induites", "mesure actuelle"],
    );
    let mut d = ready();
    d.indicators.agents_trained.targets = vec![Measure {
        date: date("2026-06-30"),
        value: 10,
    }];
    assert_finding(
        &d,
        "FTAP-IND-MANDATORY",
        Severity::Blocking,
        &["agents formés", "30/06/2026", "postérieure"],
    );
}

#[test]
fn impact_indicators() {
    let mut d = ready();
    d.indicators.impact.clear();
    assert_finding(
        &d,
        "FTAP-IND-IMPACT",
        Severity::Blocking,
        &["au moins 1 indicateur", "en compte 0"],
    );
    let mut d = ready();
    d.indicators.impact[1].targets.clear();
    assert_finding(
        &d,
        "FTAP-IND-IMPACT",
        Severity::Blocking,
        &[
            "« Temps de restauration sur incident (RTO) »",
            "cible datée",
        ],
    );
}

#[test]
fn an_empty_measure_is_never_ready() {
    // Failed before: a target with its date and no value gave no finding, and the dossier
    // read « Prêt ».
    let mut d = ready();
    let date = d.indicators.impact[0].targets[0].date;
    d.indicators.impact[0].targets[0].value = "  ".into();
    let finding = assert_finding(
        &d,
        "FTAP-IND-IMPACT",
        Severity::Blocking,
        &["donnez la valeur de la mesure du", &date.to_fr()],
    );
    assert_eq!(
        finding.field.as_deref(),
        Some("indicators.impact[0].targets[0].value")
    );
    assert!(evaluate(&d).is_blocked());
    let mut d = ready();
    if let Some(baseline) = d.indicators.impact[1].baseline.as_mut() {
        baseline.value.clear();
    }
    let finding = assert_finding(
        &d,
        "FTAP-IND-IMPACT",
        Severity::Blocking,
        &["donnez la valeur"],
    );
    assert_eq!(
        finding.field.as_deref(),
        Some("indicators.impact[1].baseline.value")
    );
}

#[test]
fn attachments_checklist() {
    let mut d = ready();
    d.attachments.push(Attachment {
        name: "Note de présentation".into(),
        kind: AttachmentKind::Other,
        file_name: String::new(),
        sha256: None,
        size: None,
    });
    assert_finding(
        &d,
        "DOSSIER-ATTACHMENTS",
        Severity::Warning,
        &["Deux pièces"],
    );
    assert_finding(
        &d,
        "DOSSIER-ATTACHMENTS",
        Severity::Warning,
        &["pas encore de fichier"],
    );
}

#[test]
fn itn9_rate_and_deadline() {
    let mut d = example("itn9-reconstruction.ron");
    d.budget.requested_rate = Some(rate("0.75"));
    assert_silent(&d, "ITN9-RATE");
    d.budget.requested_rate = Some(rate("0.76"));
    assert_finding(&d, "ITN9-RATE", Severity::Blocking, &["76 %", "75 %"]);
    d.project.first_impact = Some(date("2022-12-31"));
    assert_silent(&d, "ITN9-DEADLINE");
    d.project.first_impact = Some(date("2023-01-01"));
    assert_finding(
        &d,
        "ITN9-DEADLINE",
        Severity::Blocking,
        &["01/01/2023", "31/12/2022"],
    );
}

#[test]
fn findings_are_sorted_by_severity_then_step_then_rule() {
    let mut d = Dossier::new("FTAP-2023");
    d.project.start = Some(date("2027-01-01"));
    d.project.first_impact = Some(date("2027-12-01"));
    let ev = evaluate(&d);
    assert!(ev.findings.len() > 5);
    let keys: Vec<_> = ev
        .findings
        .iter()
        .map(|f| (f.severity, f.step, f.rule.clone()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(ev.findings[0].severity, Severity::Blocking);
    assert_eq!(
        ev.findings.last().map(|f| f.severity),
        Some(Severity::Advisory)
    );
}

#[test]
fn every_field_a_check_names_is_held_by_the_step_its_finding_is_listed_under() {
    // One map of fields to steps, in the domain: a finding sits under the step that shows its
    // field, and no check names a field no step shows (the review is for what has none).
    use dossier_cloud::domain::dossier::{BudgetLine, ImpactIndicator};
    let mut dossiers: Vec<Dossier> = crate::common::examples()
        .iter()
        .map(|p| {
            dossier_cloud::storage::load(p, &crate::common::knowledge().rules)
                .expect("example")
                .parsed
                .dossier
        })
        .collect();
    dossiers.push(Dossier::new(dossier_cloud::domain::DEFAULT_WINDOW));
    let mut odd = ready();
    odd.applicant.contact.email = "pas-une-adresse".into();
    odd.budget.lines.push(BudgetLine {
        label: String::new(),
        category: Category::Hardware,
        year: 2040,
        amount_ttc: Amount::ZERO,
    });
    odd.indicators.impact.push(ImpactIndicator {
        name: String::new(),
        unit: String::new(),
        priority: None,
        baseline: None,
        targets: Vec::new(),
    });
    odd.project.title.clear();
    dossiers.push(odd);
    let mut fields = 0;
    for d in &dossiers {
        for f in &evaluate(d).findings {
            let Some(field) = &f.field else { continue };
            fields += 1;
            let step = Step::of_field(field)
                .unwrap_or_else(|| panic!("{}: « {field} » is shown by no step", f.rule));
            assert_eq!(f.step, step, "{} on « {field} »", f.rule);
        }
    }
    assert!(
        fields > 10,
        "the dossiers above give findings on fields: {fields}"
    );
    assert_eq!(
        Step::holding("project.title"),
        Step::Operations,
        "the title is asked with the operations"
    );
    assert_eq!(Step::holding("project.start"), Step::Schedule);
}

#[test]
fn two_outcomes_implied_by_each_other_are_refused_when_the_rules_load() {
    // Both would vanish: none would be said (found by review).
    let mut rules = crate::common::knowledge()
        .rules
        .window("FTAP-2023")
        .expect("window")
        .clone();
    let size = rules
        .rules
        .iter_mut()
        .find(|r| r.id == "FTAP-SIZE")
        .expect("FTAP-SIZE");
    size.outcomes
        .get_mut("below")
        .expect("below")
        .implied_by
        .push("FTAP-MIN-ELIGIBLE:below".into());
    let why = rules.validate().expect_err("refused");
    assert!(why.contains("s'impliquent l'un l'autre"), "{why}");
}
