//! The proxy a request to the platform goes through.
//!
//! In order: none for this machine itself; the environment's (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`, with `NO_PROXY`), which a user or a script sets on purpose; then, on Windows, the
//! system's — what « Options Internet » / « Paramètres > Réseau > Proxy » set for the user, read
//! from `HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings` as browsers and `WinINet`
//! do (`ProxyEnable`, `ProxyServer`, `ProxyOverride`, `AutoConfigURL`). A ministry's workstation
//! has no `HTTPS_PROXY`: its proxy is there.
//!
//! A configuration script (PAC, `AutoConfigURL`) is JavaScript that only a browser engine runs;
//! the app does not run it. When the system has a script and no fixed proxy, the request goes
//! direct, and a failure says so and what to do ([`SystemProxy::advice`]).
//!
//! The parsing and the choice are plain functions over the settings' texts, tested on every
//! system; only [`system`] reads the registry.

/// The proxy settings of the user's session, as Windows keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemProxy {
    /// « Utiliser un serveur proxy » ticked (`ProxyEnable`).
    pub enabled: bool,
    /// `ProxyServer`: `host:port`, or per protocol `http=h:p;https=h:p;socks=h:p`.
    pub server: Option<String>,
    /// `ProxyOverride`: the addresses that go direct, `;`-separated, `*` wildcards, `<local>` for
    /// names without a dot.
    pub bypass: Option<String>,
    /// `AutoConfigURL`: a configuration script's address.
    pub script: Option<String>,
}

impl SystemProxy {
    /// The proxy for a request to `host` over HTTPS (`http://proxy:port`), if one applies.
    #[must_use]
    pub fn proxy_for(&self, host: &str) -> Option<String> {
        if !self.enabled {
            return None;
        }
        let server = self.server.as_deref()?.trim();
        if self.bypassed(host) {
            return None;
        }
        proxy_address(server)
    }

    /// Whether `host` is on the bypass list.
    fn bypassed(&self, host: &str) -> bool {
        let host = host.trim_matches(['[', ']']).to_ascii_lowercase();
        self.bypass
            .as_deref()
            .unwrap_or_default()
            .split([';', ',', ' '])
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .any(|entry| {
                if entry.eq_ignore_ascii_case("<local>") {
                    !host.contains('.')
                } else {
                    wildcard_match(&entry.to_ascii_lowercase(), &host)
                }
            })
    }

    /// What to tell a user whose request failed and whose system uses a configuration script
    /// without a fixed proxy (French).
    #[must_use]
    pub fn advice(&self) -> Option<String> {
        let script = self.script.as_deref()?;
        if self.enabled && self.server.is_some() {
            return None;
        }
        Some(format!(
            "votre poste choisit son proxy par un script de configuration ({script}), que l'application n'exécute pas : demandez à votre service informatique l'adresse du proxy et indiquez-la dans la variable HTTPS_PROXY (par exemple « setx HTTPS_PROXY http://proxy.ministere.gouv.fr:3128 », puis relancez l'application)"
        ))
    }
}

/// The proxy's address from a `ProxyServer` value: the `https=` entry, else `http=`, else a
/// value without `=`; `socks=` becomes `socks5://`. `None` for an empty or unusable value.
#[must_use]
pub fn proxy_address(server: &str) -> Option<String> {
    let entries: Vec<&str> = server
        .split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let named = |name: &str| {
        entries.iter().find_map(|e| {
            let (scheme, address) = e.split_once('=')?;
            scheme
                .trim()
                .eq_ignore_ascii_case(name)
                .then(|| address.trim())
        })
    };
    let (scheme, address) = if let Some(a) = named("https") {
        ("http", a)
    } else if let Some(a) = named("http") {
        ("http", a)
    } else if let Some(a) = entries.iter().find(|e| !e.contains('=')) {
        ("http", *a)
    } else if let Some(a) = named("socks") {
        ("socks5", a)
    } else {
        return None;
    };
    if address.is_empty() {
        return None;
    }
    if address.contains("://") {
        Some(address.to_owned())
    } else {
        Some(format!("{scheme}://{address}"))
    }
}

/// `*` matches any run of characters; everything else matches itself (both lower case).
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The session's proxy settings: on Windows from the registry, elsewhere none (the environment's
/// variables are the way there).
#[must_use]
pub fn system() -> Option<SystemProxy> {
    #[cfg(windows)]
    {
        let key = windows_registry::CURRENT_USER
            .open(r"Software\Microsoft\Windows\CurrentVersion\Internet Settings")
            .ok()?;
        let text = |name: &str| key.get_string(name).ok().filter(|v| !v.trim().is_empty());
        Some(SystemProxy {
            enabled: key.get_u32("ProxyEnable").is_ok_and(|v| v != 0),
            server: text("ProxyServer"),
            bypass: text("ProxyOverride"),
            script: text("AutoConfigURL"),
        })
    }
    #[cfg(not(windows))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(server: &str, bypass: &str) -> SystemProxy {
        SystemProxy {
            enabled: true,
            server: Some(server.to_owned()),
            bypass: Some(bypass.to_owned()),
            script: None,
        }
    }

    #[test]
    fn one_proxy_for_every_protocol() {
        let s = settings("proxy.intra:3128", "");
        assert_eq!(
            s.proxy_for("www.demarches-simplifiees.fr").as_deref(),
            Some("http://proxy.intra:3128")
        );
    }

    #[test]
    fn per_protocol_settings_give_the_https_one() {
        let s = settings("http=web.intra:80;https=secure.intra:8443;ftp=f:21", "");
        assert_eq!(
            s.proxy_for("a.fr").as_deref(),
            Some("http://secure.intra:8443")
        );
        assert_eq!(
            proxy_address("http=web.intra:80").as_deref(),
            Some("http://web.intra:80")
        );
        assert_eq!(
            proxy_address("socks=s.intra:1080").as_deref(),
            Some("socks5://s.intra:1080")
        );
        assert_eq!(proxy_address("ftp=f:21"), None);
        assert_eq!(proxy_address(" ; "), None);
    }

    #[test]
    fn not_ticked_means_no_proxy() {
        let mut s = settings("proxy.intra:3128", "");
        s.enabled = false;
        assert_eq!(s.proxy_for("a.fr"), None);
    }

    #[test]
    fn the_bypass_list_goes_direct() {
        let s = settings(
            "proxy.intra:3128",
            "<local>;*.interieur.gouv.fr;10.*;DEMARCHE.NUMERIQUE.GOUV.FR",
        );
        assert_eq!(s.proxy_for("intranet"), None, "<local>: no dot");
        assert_eq!(s.proxy_for("ds.interieur.gouv.fr"), None);
        assert_eq!(s.proxy_for("10.2.3.4"), None);
        assert_eq!(s.proxy_for("demarche.numerique.gouv.fr"), None);
        assert!(s.proxy_for("www.demarches-simplifiees.fr").is_some());
        assert!(s.proxy_for("interieur.gouv.fr.example").is_some());
    }

    #[test]
    fn wildcards_match_runs() {
        assert!(wildcard_match("*.gouv.fr", "a.b.gouv.fr"));
        assert!(!wildcard_match("*.gouv.fr", "gouv.fr"));
        assert!(wildcard_match("192.168.*.*", "192.168.1.2"));
        assert!(wildcard_match("*", "anything"));
        assert!(!wildcard_match("a*b*c", "acb"));
    }

    #[test]
    fn a_script_without_a_fixed_proxy_is_explained() {
        let s = SystemProxy {
            script: Some("http://pac.intra/proxy.pac".to_owned()),
            ..SystemProxy::default()
        };
        let advice = s.advice().unwrap();
        assert!(advice.contains("http://pac.intra/proxy.pac") && advice.contains("HTTPS_PROXY"));
        let fixed = SystemProxy {
            script: Some("http://pac.intra/proxy.pac".to_owned()),
            ..settings("p:1", "")
        };
        assert_eq!(fixed.advice(), None);
    }
}
