//! Reading a file a platform mounts for a variable (`NAME_FILE`, a `.env`
//! file): without blocking, a regular file only, bounded, and leaving no
//! unwiped copy of what it holds.

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use secrecy::zeroize::Zeroize;

/// The most a file may hold: a secret, a certificate, a key, a `.env`
/// file.
pub(crate) const MAX_FILE: u64 = 1 << 20;

/// Why a file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum FileError {
    #[error("no such file")]
    NotFound,
    #[error("permission denied")]
    PermissionDenied,
    #[error("it is a directory, not a file")]
    Directory,
    #[error("it is not a regular file (a device, a pipe or a socket)")]
    NotRegular,
    #[error("the file is larger than {} KiB", MAX_FILE / 1024)]
    TooLarge,
    /// Any other error, lowercase, without the OS error number.
    #[error("{0}")]
    Other(String),
}

impl From<std::io::Error> for FileError {
    fn from(error: std::io::Error) -> Self {
        match error.kind() {
            ErrorKind::NotFound => Self::NotFound,
            ErrorKind::PermissionDenied => Self::PermissionDenied,
            ErrorKind::IsADirectory => Self::Directory,
            _ => {
                let text = error.to_string();
                let text = text.find(" (os error").map_or(text.as_str(), |cut| &text[..cut]);
                Self::Other(text.to_lowercase())
            }
        }
    }
}

/// The file's bytes, or why they cannot be read.
///
/// Opened first, then checked: a check of the path before opening it
/// races a swap of the path (a symlink turned into a FIFO between the two
/// would block the start forever). The file is opened without blocking
/// (`O_NONBLOCK`, so opening a FIFO with no writer returns at once), the
/// *open handle* is checked to be a regular file (symlinks followed, as
/// Kubernetes mounts secrets), and at most [`MAX_FILE`] bytes are read
/// into one buffer sized up front and grown only by copying into a new
/// one and wiping the old, so no unwiped copy of a secret is freed.
pub(crate) fn read_limited(path: &Path) -> Result<Vec<u8>, FileError> {
    let file = open_nonblocking(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(FileError::Directory);
    }
    if !metadata.is_file() {
        return Err(FileError::NotRegular);
    }
    let expected = usize::try_from(metadata.len().min(MAX_FILE)).unwrap_or(0);
    let mut content: Vec<u8> = Vec::with_capacity(expected + 1);
    let mut reader = file.take(MAX_FILE + 1);
    let mut chunk = [0u8; 8192];
    loop {
        let read = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(read) => read,
            Err(error) if error.kind() == ErrorKind::Interrupted => continue,
            Err(error) => {
                content.zeroize();
                chunk.zeroize();
                return Err(error.into());
            }
        };
        if content.len() + read > content.capacity() {
            // The file grew since it was measured: move to a larger
            // buffer by hand, wiping the old one.
            let mut larger = Vec::with_capacity((content.len() + read).max(content.capacity() * 2));
            larger.extend_from_slice(&content);
            content.zeroize();
            content = larger;
        }
        content.extend_from_slice(&chunk[..read]);
    }
    chunk.zeroize();
    if content.len() as u64 > MAX_FILE {
        content.zeroize();
        return Err(FileError::TooLarge);
    }
    Ok(content)
}

/// Opens `path` for reading without blocking on a FIFO or a device.
#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// `O_NONBLOCK` of the target's C library: the one constant this crate
/// needs from it, written here rather than bringing the `libc` crate into
/// every service's build (the values are those of the `libc` crate and
/// the systems' `fcntl.h`). A target not listed opens with no flag: the
/// open handle is still checked before anything is read.
#[cfg(unix)]
const O_NONBLOCK: i32 = if cfg!(any(target_os = "linux", target_os = "android", target_os = "emscripten")) {
    if cfg!(any(target_arch = "mips", target_arch = "mips64", target_arch = "mips32r6", target_arch = "mips64r6")) {
        0x80
    } else if cfg!(any(target_arch = "sparc", target_arch = "sparc64")) {
        0x4000
    } else {
        0o4000
    }
} else if cfg!(any(
    target_vendor = "apple",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd",
    target_os = "dragonfly"
)) {
    0x4
} else if cfg!(any(target_os = "illumos", target_os = "solaris")) {
    0x80
} else {
    0
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_bounded_regular_file() {
        assert_eq!(read_limited(Path::new("/no/such/file")), Err(FileError::NotFound));
        assert_eq!(read_limited(Path::new("/")), Err(FileError::Directory));
        #[cfg(unix)]
        {
            assert_eq!(read_limited(Path::new("/dev/zero")), Err(FileError::NotRegular));
            assert_eq!(read_limited(Path::new("/dev/null")), Err(FileError::NotRegular));
        }
    }

    #[test]
    fn reads_a_file_whole_up_to_the_bound() {
        let dir = std::env::temp_dir().join(format!("twelve-config-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let small = dir.join("small");
        std::fs::write(&small, b"s3cret\n").unwrap();
        assert_eq!(read_limited(&small).unwrap(), b"s3cret\n");
        let large = dir.join("large");
        std::fs::write(&large, vec![b'x'; MAX_FILE as usize + 1]).unwrap();
        assert_eq!(read_limited(&large), Err(FileError::TooLarge));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
