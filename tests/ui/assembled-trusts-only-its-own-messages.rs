use twelve_config::{AssembleError, Assembled, EnvConfig, SecretString};

#[derive(EnvConfig, Debug)]
struct Parts {
    token: SecretString,
}

struct Client;

// Only the crate's own assemblers may show a message about a secret part:
// the method that says so takes a type no other crate can name.
impl Assembled for Client {
    type Parts = Parts;

    fn assemble(_: Parts) -> Result<Self, AssembleError> {
        Ok(Client)
    }

    fn __trusted_messages(_: twelve_config::assembled::sealed::Crate) -> bool {
        true
    }
}

fn main() {}
