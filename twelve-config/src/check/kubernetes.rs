//! What a Kubernetes manifest gives a container: its `env`, `envFrom` and
//! the files of mounted `Secret` and `ConfigMap` volumes.

use std::collections::BTreeMap;
use std::ffi::OsString;

use base64::Engine as _;

use super::yaml::{self, Node};
use super::{Gathered, Given, Origin, Value, whole};

/// The kinds whose pod template is `spec.template.spec`.
const TEMPLATED: [&str; 6] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"];

/// A `ConfigMap`'s or `Secret`'s keys: each value, or why it cannot be
/// read (data that is not base64).
type Object = BTreeMap<String, Result<OsString, String>>;

/// The objects of the manifest by name, and its pod specs.
#[derive(Default)]
struct Manifest<'a> {
    config_maps: BTreeMap<String, Object>,
    secrets: BTreeMap<String, Object>,
    /// Each pod spec, with its workload (`Deployment/api`).
    pods: Vec<(String, &'a Node)>,
}

pub(super) fn gather(text: &str, container: Option<&str>) -> Gathered {
    let documents = match yaml::documents(text) {
        Ok(documents) => documents,
        Err(error) => {
            return Gathered { problems: vec![whole(&error.place, error.reason)], ..Gathered::default() };
        }
    };
    let mut manifest = Manifest::default();
    for document in &documents {
        if document.get("kind").and_then(Node::text) == Some("List") {
            for item in document.get("items").map(Node::items).unwrap_or_default() {
                manifest.add(item);
            }
        } else {
            manifest.add(document);
        }
    }
    // Every container, with its pod and whether it is an init container.
    let mut containers: Vec<(&str, &Node, &Node, bool)> = Vec::new();
    for (workload, pod) in &manifest.pods {
        for (key, init) in [("containers", false), ("initContainers", true)] {
            for node in pod.get(key).map(Node::items).unwrap_or_default() {
                containers.push((workload, pod, node, init));
            }
        }
    }
    let name_of = |node: &Node| node.get("name").and_then(Node::text).unwrap_or("").to_owned();
    let listed = |list: &[&(&str, &Node, &Node, bool)]| {
        list.iter()
            .map(|(workload, _, node, _)| format!("{} in {workload}", name_of(node)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let chosen: Vec<&(&str, &Node, &Node, bool)> = match container {
        None => containers.iter().filter(|(_, _, _, init)| !init).collect(),
        Some(wanted) => containers.iter().filter(|(_, _, node, _)| name_of(node) == wanted).collect(),
    };
    let every: Vec<&(&str, &Node, &Node, bool)> = containers.iter().collect();
    let problem = match (chosen.as_slice(), container) {
        ([_], _) => None,
        ([], None) => Some((
            "the manifest".to_owned(),
            "no container: the manifest holds no Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod \
             or pod spec with containers"
                .to_owned(),
        )),
        ([], Some(wanted)) => Some((
            format!("container {wanted}"),
            if every.is_empty() {
                "no such container: the manifest holds no containers".to_owned()
            } else {
                format!("no such container; the manifest holds {}", listed(&every))
            },
        )),
        (several, None) => Some((
            "the manifest".to_owned(),
            format!("several containers ({}): name the one to check with check::kubernetes_container", listed(several)),
        )),
        (several, Some(wanted)) => Some((
            format!("container {wanted}"),
            format!("several containers of that name ({}): check a manifest of one workload", listed(several)),
        )),
    };
    if let Some((place, reason)) = problem {
        return Gathered { problems: vec![whole(&place, reason)], ..Gathered::default() };
    }
    let (workload, pod, node, _) = chosen[0];
    let mut gathered = Gathered { place: format!("{workload}, container {}", name_of(node)), ..Gathered::default() };
    manifest.env_from(node, &mut gathered);
    manifest.env(node, pod, &mut gathered);
    gathered
}

impl<'a> Manifest<'a> {
    /// Takes in one object of the manifest.
    fn add(&mut self, object: &'a Node) {
        let kind = object.get("kind").and_then(Node::text);
        let name = object.get("metadata").and_then(|m| m.get("name")).and_then(Node::text).unwrap_or("");
        let spec = object.get("spec");
        let pod = match kind {
            Some("ConfigMap") => {
                let mut keys = Object::new();
                for (key, value) in object.get("data").map(Node::entries).unwrap_or_default() {
                    let Some(key) = key.as_str() else { continue };
                    let value = match value.non_text_kind() {
                        Some(what) => Err(format!("is {what}: a ConfigMap's data is text only; quote it")),
                        None => Ok(OsString::from(value.text().unwrap_or(""))),
                    };
                    keys.insert(key.to_owned(), value);
                }
                self.config_maps.insert(name.to_owned(), keys);
                None
            }
            Some("Secret") => {
                let mut keys = Object::new();
                for (key, value) in object.get("data").map(Node::entries).unwrap_or_default() {
                    let Some(key) = key.as_str() else { continue };
                    keys.insert(key.to_owned(), decode(value.text().unwrap_or("")));
                }
                // `stringData` is written over `data`, as the API server does.
                for (key, value) in object.get("stringData").map(Node::entries).unwrap_or_default() {
                    let Some(key) = key.as_str() else { continue };
                    keys.insert(key.to_owned(), Ok(OsString::from(value.text().unwrap_or(""))));
                }
                self.secrets.insert(name.to_owned(), keys);
                None
            }
            Some("CronJob") => spec
                .and_then(|s| s.get("jobTemplate"))
                .and_then(|j| j.get("spec"))
                .and_then(|s| s.get("template"))
                .and_then(|t| t.get("spec")),
            Some("Pod") => spec,
            Some(kind) if TEMPLATED.contains(&kind) => spec.and_then(|s| s.get("template")).and_then(|t| t.get("spec")),
            // A bare pod spec, as `render::kubernetes` writes the container's part.
            None => spec.filter(|spec| spec.get("containers").is_some()),
            Some(_) => None,
        };
        if let Some(pod) = pod {
            let workload = match kind {
                Some(kind) => format!("{kind}/{name}"),
                None => "pod spec".to_owned(),
            };
            self.pods.push((workload, pod));
        }
    }

    /// The object a reference names, by kind: `None` when the manifest
    /// does not hold it.
    fn object(&self, secret: bool, name: &str) -> Option<&Object> {
        if secret { self.secrets.get(name) } else { self.config_maps.get(name) }
    }

    /// `envFrom`: every key of each object, under its prefix.
    fn env_from(&self, container: &Node, gathered: &mut Gathered) {
        for source in container.get("envFrom").map(Node::items).unwrap_or_default() {
            let prefix = source.get("prefix").and_then(Node::text).unwrap_or("");
            let (secret, reference) = match (source.get("secretRef"), source.get("configMapRef")) {
                (Some(reference), _) => (true, reference),
                (None, Some(reference)) => (false, reference),
                (None, None) => continue,
            };
            let name = reference.get("name").and_then(Node::text).unwrap_or("");
            let Some(object) = self.object(secret, name) else {
                gathered.open_prefixes.push(prefix.to_owned());
                continue;
            };
            for (key, value) in object {
                // Kubernetes skips a key that is no variable name.
                if !twelve_config_names::is_portable_name(key) {
                    continue;
                }
                let var = format!("{prefix}{key}");
                let value = self.read(secret, name, key, value, &var, gathered);
                gathered.vars.push(Given { name: var, value, origin: origin(secret, name), file: None });
            }
        }
    }

    /// A key's value, or `Unknown` after recording why it cannot be read.
    fn read(
        &self,
        secret: bool,
        object: &str,
        key: &str,
        value: &Result<OsString, String>,
        var: &str,
        gathered: &mut Gathered,
    ) -> Value {
        match value {
            Ok(text) => Value::Text(text.clone()),
            Err(why) => {
                let kind = if secret { "Secret" } else { "ConfigMap" };
                gathered.problem(Some(var), format!("{kind} {object}, key {key}: {why}"));
                Value::Unknown
            }
        }
    }

    /// `env`: each entry in order, `$(VAR)` references expanded.
    fn env(&self, container: &Node, pod: &Node, gathered: &mut Gathered) {
        for entry in container.get("env").map(Node::items).unwrap_or_default() {
            let Some(name) = entry.get("name").and_then(Node::text) else { continue };
            if let Some(from) = entry.get("valueFrom") {
                let reference = match (from.get("secretKeyRef"), from.get("configMapKeyRef")) {
                    (Some(reference), _) => Some((true, reference)),
                    (None, Some(reference)) => Some((false, reference)),
                    (None, None) => None,
                };
                let Some((secret, reference)) = reference else {
                    // `fieldRef`, `resourceFieldRef`: set by Kubernetes.
                    gathered.vars.push(Given {
                        name: name.to_owned(),
                        value: Value::Unknown,
                        origin: Origin::Elsewhere,
                        file: None,
                    });
                    continue;
                };
                let object_name = reference.get("name").and_then(Node::text).unwrap_or("");
                let key = reference.get("key").and_then(Node::text).unwrap_or("");
                let optional = reference.get("optional").and_then(Node::text) == Some("true");
                let value = match self.object(secret, object_name).map(|object| object.get(key)) {
                    None => Value::Unknown,
                    Some(Some(value)) => self.read(secret, object_name, key, value, name, gathered),
                    Some(None) if optional => continue,
                    Some(None) => {
                        let kind = if secret { "Secret" } else { "ConfigMap" };
                        gathered.problem(
                            Some(name),
                            format!(
                                "{kind} {object_name} has no key {key}: the pod would not start; add the key, or \
                                 mark the reference optional"
                            ),
                        );
                        Value::Unknown
                    }
                };
                gathered.vars.push(Given {
                    name: name.to_owned(),
                    value,
                    origin: origin(secret, object_name),
                    file: None,
                });
                continue;
            }
            let value = entry.get("value");
            if let Some(what) = value.and_then(Node::non_text_kind) {
                gathered.problem(Some(name), format!("the value is {what}: Kubernetes takes only text here; quote it"));
            }
            let text = value.and_then(Node::text).unwrap_or("");
            let (value, origin) = expand(text, &gathered.vars);
            let file = self.mounted_file(text, container, pod, name, gathered);
            gathered.vars.push(Given { name: name.to_owned(), value, origin, file });
        }
    }

    /// The content of the file `path` names, when a `Secret` or
    /// `ConfigMap` volume of the pod mounted in `container` holds it.
    fn mounted_file(
        &self,
        path: &str,
        container: &Node,
        pod: &Node,
        var: &str,
        gathered: &mut Gathered,
    ) -> Option<(Value, Origin)> {
        for mount in container.get("volumeMounts").map(Node::items).unwrap_or_default() {
            let mount_path = mount.get("mountPath").and_then(Node::text)?.trim_end_matches('/');
            let volume_name = mount.get("name").and_then(Node::text)?;
            let volume = pod
                .get("volumes")
                .map(Node::items)
                .unwrap_or_default()
                .iter()
                .find(|volume| volume.get("name").and_then(Node::text) == Some(volume_name))?;
            let (secret, source, object_name) = match (volume.get("secret"), volume.get("configMap")) {
                (Some(source), _) => (true, source, source.get("secretName").and_then(Node::text)?),
                (None, Some(source)) => (false, source, source.get("name").and_then(Node::text)?),
                (None, None) => continue,
            };
            // The file's path within the volume: a `subPath` mount is the
            // file itself.
            let within = match mount.get("subPath").and_then(Node::text) {
                Some(sub_path) if path == mount_path => sub_path,
                Some(_) => continue,
                None => match path.strip_prefix(mount_path).and_then(|rest| rest.strip_prefix('/')) {
                    Some(within) => within,
                    None => continue,
                },
            };
            let items = source.get("items").map(Node::items).unwrap_or_default();
            let key = if items.is_empty() {
                within.to_owned()
            } else {
                let item = items.iter().find(|item| item.get("path").and_then(Node::text) == Some(within))?;
                item.get("key").and_then(Node::text)?.to_owned()
            };
            let origin = origin(secret, object_name);
            let Some(object) = self.object(secret, object_name) else {
                return Some((Value::Unknown, origin));
            };
            let value = match object.get(&key) {
                Some(value) => self.read(secret, object_name, &key, value, var, gathered),
                None => {
                    let kind = if secret { "Secret" } else { "ConfigMap" };
                    gathered.problem(
                        Some(var),
                        format!("names a file of {kind} {object_name}, which has no key {key}: add the key"),
                    );
                    Value::Unknown
                }
            };
            return Some((value, origin));
        }
        None
    }
}

fn origin(secret: bool, name: &str) -> Origin {
    if secret { Origin::Secret(name.to_owned()) } else { Origin::ConfigMap(name.to_owned()) }
}

/// A `Secret`'s `data` value, base64-decoded.
fn decode(text: &str) -> Result<OsString, String> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    match base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()) {
        Ok(bytes) => Ok(os_string(bytes)),
        Err(_) => Err("the data is not base64: write it under stringData to give it as text".to_owned()),
    }
}

#[cfg(unix)]
fn os_string(bytes: Vec<u8>) -> OsString {
    std::os::unix::ffi::OsStringExt::from_vec(bytes)
}

#[cfg(not(unix))]
fn os_string(bytes: Vec<u8>) -> OsString {
    match String::from_utf8(bytes) {
        Ok(text) => OsString::from(text),
        Err(error) => OsString::from(String::from_utf8_lossy(error.as_bytes()).into_owned()),
    }
}

/// A `value` with its `$(VAR)` references to earlier variables expanded,
/// as Kubernetes does: `$$(VAR)` is `$(VAR)` written out, a reference to a
/// variable not defined before stays as written. A value taking any part
/// from a `Secret` is shown as one; a part the check cannot know makes the
/// whole unknown.
fn expand(text: &str, earlier: &[Given]) -> (Value, Origin) {
    let mut out = String::new();
    let mut origin = Origin::Literal;
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(escaped) = after.strip_prefix("$(") {
            out.push_str("$(");
            rest = escaped;
            continue;
        }
        let reference = after.strip_prefix('(').and_then(|inner| inner.find(')').map(|end| &inner[..end]));
        match reference.and_then(|name| earlier.iter().rev().find(|given| given.name == name).map(|g| (name, g))) {
            Some((name, given)) => {
                match &given.value {
                    Value::Text(value) => out.push_str(&value.to_string_lossy()),
                    Value::Unknown => return (Value::Unknown, Origin::Elsewhere),
                }
                // A part from a `Secret` makes the whole one; else a part
                // from a `ConfigMap` makes it that.
                match (&given.origin, &origin) {
                    (Origin::Secret(_), _) | (Origin::ConfigMap(_), Origin::Literal) => origin = given.origin.clone(),
                    _ => {}
                }
                rest = &after[name.len() + 2..];
            }
            None => {
                out.push('$');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (Value::Text(OsString::from(out)), origin)
}
