//! rumqttc: `rumqttc::MqttOptions`.

use secrecy::ExposeSecret;

use super::AttachError;
use crate::resource::MqttUrl;

impl MqttUrl {
    /// rumqttc's options for this broker over plain TCP (feature
    /// `rumqttc`): host, port, client id, credentials and every query
    /// option rumqttc reads, as `MqttOptions::parse_url` would set them,
    /// built from the handle's parts.
    ///
    /// rumqttc's own `Debug` of the options prints the password: do not
    /// log them.
    ///
    /// # Errors
    ///
    /// `max_request_batch_num`, which rumqttc reads only in its own URL
    /// parser. `mqtts://`, `ws://` and `wss://` need a transport that rumqttc
    /// builds only with its TLS or WebSocket features: use
    /// [`to_mqtt_options_with`](Self::to_mqtt_options_with).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use twelve_config::resource::MqttUrl;
    ///
    /// let url: MqttUrl = "mqtt://sensor:s3cret@broker:1884?client_id=sensor-7&keep_alive_secs=20".parse().unwrap();
    /// let options = url.to_mqtt_options().unwrap();
    /// assert_eq!(options.broker_address(), ("broker".to_string(), 1884));
    /// assert_eq!(options.client_id(), "sensor-7");
    /// assert_eq!(options.keep_alive(), Duration::from_secs(20));
    /// ```
    pub fn to_mqtt_options(&self) -> Result<rumqttc::MqttOptions, AttachError> {
        if self.scheme() != "mqtt" {
            return Err(AttachError::new(format!(
                "{}:// needs a TLS or WebSocket transport, which rumqttc builds only with its own features: \
                 call to_mqtt_options_with(transport)",
                self.scheme()
            )));
        }
        self.options(rumqttc::Transport::Tcp)
    }

    /// rumqttc's options with the given transport: for `mqtts://` a TLS
    /// one (`Transport::tls_with_default_config()`, rumqttc feature
    /// `use-rustls`), for `ws://`/`wss://` a WebSocket one (feature
    /// `websocket`), whose broker address is the whole URL as rumqttc
    /// wants it.
    ///
    /// rumqttc's own `Debug` of the options prints the password: do not
    /// log them.
    ///
    /// # Errors
    ///
    /// `max_request_batch_num`, as for `to_mqtt_options`; a TLS URL (`mqtts://`, `wss://`) with `Transport::Tcp`: the URL asks
    /// for TLS, so plaintext is refused.
    ///
    /// # Examples
    ///
    /// ```
    /// use twelve_config::resource::MqttUrl;
    ///
    /// let url: MqttUrl = "mqtts://broker.example".parse().unwrap();
    /// assert!(url.to_mqtt_options_with(rumqttc::Transport::Tcp).is_err());
    /// ```
    pub fn to_mqtt_options_with(&self, transport: rumqttc::Transport) -> Result<rumqttc::MqttOptions, AttachError> {
        if self.is_tls() && matches!(transport, rumqttc::Transport::Tcp) {
            return Err(AttachError::new(format!(
                "{}:// asks for TLS: give a TLS transport, not Transport::Tcp",
                self.scheme()
            )));
        }
        self.options(transport)
    }

    fn options(&self, transport: rumqttc::Transport) -> Result<rumqttc::MqttOptions, AttachError> {
        // rumqttc reads it from a URL but has no setter for it.
        if self.query_pairs().any(|(key, _)| key == "max_request_batch_num") {
            return Err(AttachError::new(
                "rumqttc sets max_request_batch_num only in its own URL parser (MqttOptions has no setter): remove it",
            ));
        }
        let host = self.host().unwrap_or_default();
        let port = self.port().unwrap_or(Self::DEFAULT_PORT);
        // rumqttc takes a WebSocket broker as the whole URL.
        let address = match self.websocket_path() {
            Some(path) => format!("{}{}", crate::resource::server_url(self.scheme(), &self.hosts()[0]), path),
            None => host.to_owned(),
        };
        let mut options = rumqttc::MqttOptions::new(self.client_id().unwrap_or_default(), address, port);
        options.set_transport(transport);
        if let Some(user) = self.username() {
            let password = self.password().map(|password| password.expose_secret().to_owned()).unwrap_or_default();
            options.set_credentials(user, password);
        }
        if let Some(keep_alive) = self.keep_alive() {
            options.set_keep_alive(keep_alive);
        }
        if let Some(clean) = self.clean_session() {
            options.set_clean_session(clean);
        }
        let number = |key: &str| self.query_pairs().find(|(k, _)| *k == key).and_then(|(_, v)| v.parse::<u64>().ok());
        if let (Some(incoming), Some(outgoing)) =
            (number("max_incoming_packet_size_bytes"), number("max_outgoing_packet_size_bytes"))
        {
            options.set_max_packet_size(saturate(incoming), saturate(outgoing));
        }
        if let Some(capacity) = number("request_channel_capacity_num") {
            options.set_request_channel_capacity(saturate(capacity));
        }
        if let Some(micros) = number("pending_throttle_usecs") {
            options.set_pending_throttle(std::time::Duration::from_micros(micros));
        }
        if let Some(inflight) = number("inflight_num").and_then(|n| u16::try_from(n).ok()).filter(|n| *n > 0) {
            options.set_inflight(inflight);
        }
        Ok(options)
    }
}

fn saturate(number: u64) -> usize {
    usize::try_from(number).unwrap_or(usize::MAX)
}
