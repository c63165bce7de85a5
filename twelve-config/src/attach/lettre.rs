//! lettre: an `SmtpTransportBuilder`.

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{SmtpTransport, SmtpTransportBuilder};
use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::SmtpUrl;

impl SmtpUrl {
    /// lettre's transport builder for this relay (feature `lettre`), with
    /// the TLS mode the URL names: `smtps://` is implicit TLS, `?tls=required`
    /// is STARTTLS or nothing, `?tls=opportunistic` is STARTTLS when offered,
    /// and plain `smtp://` (or `?tls=none`) sends in the clear, on the
    /// port the handle reports (587 for a bare `smtp://`, where lettre's own
    /// `from_url` takes 25). Credentials and the EHLO name (the path, or
    /// `?ehlo_domain=`) are carried over.
    ///
    /// # Errors
    ///
    /// A query option lettre does not read, or a host TLS cannot name.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::SmtpUrl;
    ///
    /// let url: SmtpUrl = "smtps://mailer%40example.com:pw@smtp.example.com".parse().unwrap();
    /// let mailer = url.to_smtp_transport_builder().unwrap().build();
    /// # drop(mailer);
    /// ```
    pub fn to_smtp_transport_builder(&self) -> Result<SmtpTransportBuilder, AttachError> {
        let host = self.host().unwrap_or("localhost");
        let tls_parameters =
            || TlsParameters::new(host.to_owned()).map_err(|error| AttachError::new(format!("lettre: {error}")));
        let tls = match (self.is_implicit_tls(), self.query_pairs().find(|(key, _)| *key == "tls").map(|(_, v)| v)) {
            (true, _) => Tls::Wrapper(tls_parameters()?),
            (false, Some("required")) => Tls::Required(tls_parameters()?),
            (false, Some("opportunistic")) => Tls::Opportunistic(tls_parameters()?),
            (false, _) => Tls::None,
        };
        let mut builder = SmtpTransport::builder_dangerous(host).port(self.port().unwrap_or(587)).tls(tls);
        // The handle holds both or neither.
        if let (Some(user), Some(password)) = (self.username(), self.password()) {
            builder = builder.credentials(Credentials::new(user.to_owned(), password.expose_secret().to_owned()));
        }
        if let Some(name) = self.ehlo_name() {
            builder = builder.hello_name(ClientId::Domain(name.to_owned()));
        }
        for (key, _) in self.query_pairs() {
            if !matches!(key, "tls" | "ehlo_domain") {
                return Err(AttachError::ignored("lettre", key));
            }
        }
        Ok(builder)
    }
}
