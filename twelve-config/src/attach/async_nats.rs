//! async-nats: `async_nats::ServerAddr` and `async_nats::ConnectOptions`.

use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::NatsUrl;

impl NatsUrl {
    /// Every server as async-nats's `ServerAddr`, without credentials
    /// (feature `async-nats`): pass them to
    /// [`to_nats_connect_options`](Self::to_nats_connect_options)`.connect(...)`.
    ///
    /// # Errors
    ///
    /// A host async-nats's URL parser refuses.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::NatsUrl;
    ///
    /// let url: NatsUrl = "nats://n1,nats://n2:4223".parse().unwrap();
    /// let servers = url.to_server_addrs().unwrap();
    /// assert_eq!((servers[1].host(), servers[1].port()), ("n2", 4223));
    /// ```
    pub fn to_server_addrs(&self) -> Result<Vec<async_nats::ServerAddr>, AttachError> {
        self.servers()
            .iter()
            .map(|server| server.parse().map_err(|error| AttachError::new(format!("async-nats: {error}"))))
            .collect()
    }

    /// async-nats's connect options with this URL's login (feature
    /// `async-nats`): the user and password, or the token, and TLS
    /// required for `tls://`. async-nats ignores credentials written in a
    /// server URL, so they must travel here.
    ///
    /// The options hold the password in async-nats's own types; their
    /// `Debug` is async-nats's.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// use twelve_config::resource::NatsUrl;
    ///
    /// let url: NatsUrl = "nats://app:s3cret@127.0.0.1:4222".parse()?;
    /// let client = url.to_nats_connect_options().connect(url.to_server_addrs()?).await?;
    /// client.publish("orders.created", "42".into()).await?;
    /// # Ok(()) }
    /// ```
    pub fn to_nats_connect_options(&self) -> async_nats::ConnectOptions {
        let mut options = async_nats::ConnectOptions::new();
        if let Some(token) = self.token() {
            options = options.token(token.expose_secret().to_owned());
        } else if let Some(user) = self.username() {
            let password = self.password().map(|password| password.expose_secret().to_owned()).unwrap_or_default();
            options = options.user_and_password(user.to_owned(), password);
        }
        if self.scheme() == "tls" {
            options = options.require_tls(true);
        }
        options
    }
}
