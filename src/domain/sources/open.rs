//! Finding and opening a source file under the debate's folder.
//!
//! On Linux the name is resolved by `openat2` beneath a descriptor of the folder
//! (`RESOLVE_BENEATH`), so no `..` and no link can lead out of it, whatever happens to
//! the folder meanwhile; links of /proc (`/proc/self/fd/3`, `/proc/self/root`) are never
//! followed. Elsewhere, and where the kernel refuses `openat2` (before Linux 5.6, or
//! under a seccomp filter), the portable way resolves the name to its real path,
//! checks that, opens it, and checks the open file again.
//!
//! Either way a file is first looked at without being opened for reading (on Linux an
//! `O_PATH` descriptor, which reads nothing and starts no device), and opened for
//! reading only once it passed every check, without blocking, and only if it is still
//! the same file.

use std::fs::{File, Metadata};
use std::io;
use std::path::{Path, PathBuf};

/// Why a name was not opened.
#[derive(Debug)]
pub(super) enum Refused {
    /// Its real location, with links followed, is outside the folder.
    Outside,
    /// It goes through a link of /proc, or through too many links.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    Loop,
    /// It was replaced between its checks and its opening.
    Changed,
    /// The system's own error: no such file, no permission, ...
    Io(io::Error),
}

impl From<io::Error> for Refused {
    fn from(e: io::Error) -> Self {
        Refused::Io(e)
    }
}

/// The debate's folder, opened once for all its sources.
pub(super) struct Folder {
    path: PathBuf,
    /// Its real path, links resolved: where every real location must lie.
    real: PathBuf,
    /// A descriptor to resolve names beneath; `None` once `openat2` proved unavailable.
    #[cfg(target_os = "linux")]
    fd: Option<std::os::fd::OwnedFd>,
}

/// A file found under a name and looked at, not yet opened for reading.
pub(super) struct Found {
    pub meta: Metadata,
    /// It lies on a kernel file system (/proc, /sys, ...), whose files are not documents.
    pub kernel: bool,
    how: How,
}

/// How to open a found file for reading.
enum How {
    /// By this name, resolved beneath the folder's descriptor again.
    #[cfg(target_os = "linux")]
    Beneath(PathBuf),
    /// By its real path.
    Real(PathBuf),
}

/// What tells two files apart: the device and inode where there are such, else the
/// real path.
#[cfg(unix)]
pub(super) type Key = (u64, u64);
#[cfg(not(unix))]
pub(super) type Key = PathBuf;

impl Found {
    pub fn key(&self) -> Key {
        #[cfg(unix)]
        {
            identity(&self.meta)
        }
        #[cfg(not(unix))]
        {
            match &self.how {
                How::Real(path) => path.clone(),
            }
        }
    }
}

#[cfg(unix)]
fn identity(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

impl Folder {
    /// Opens the folder `base` (the current one when empty); `portable` forgoes `openat2`.
    pub fn open(base: &Path, portable: bool) -> io::Result<Folder> {
        let path = if base.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            base.to_path_buf()
        };
        let real = std::fs::canonicalize(&path)?;
        #[cfg(target_os = "linux")]
        let fd = if portable {
            None
        } else {
            use rustix::fs::{Mode, OFlags};
            Some(rustix::fs::open(
                &real,
                OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )?)
        };
        #[cfg(not(target_os = "linux"))]
        let _ = portable;
        Ok(Folder {
            path,
            real,
            #[cfg(target_os = "linux")]
            fd,
        })
    }

    /// Finds `name` (relative to the folder, or absolute when `outside` allows it) and
    /// looks at it without opening it for reading.
    pub fn find(&mut self, name: &Path, outside: bool) -> Result<Found, Refused> {
        #[cfg(target_os = "linux")]
        if let Some(found) = self.find_beneath(name, outside) {
            return found;
        }
        self.find_real(name, outside)
    }

    /// Opens a found file for reading, without blocking, and only if it is still the
    /// file that was looked at.
    pub fn open_found(&self, found: &Found, outside: bool) -> Result<File, Refused> {
        let file = match &found.how {
            #[cfg(target_os = "linux")]
            How::Beneath(name) => {
                use rustix::fs::OFlags;
                let fd = self.fd.as_ref().ok_or(Refused::Changed)?;
                beneath(
                    fd,
                    name,
                    outside,
                    OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY,
                )
                .map_err(refused)?
            }
            How::Real(path) => {
                let file = open_for_reading(path)?;
                if !outside && !self.holds_open(&file) {
                    return Err(Refused::Outside);
                }
                file
            }
        };
        let meta = file.metadata()?;
        #[cfg(unix)]
        if identity(&meta) != identity(&found.meta) {
            return Err(Refused::Changed);
        }
        // The same identity, yet no longer a file: it was deleted and its inode reused.
        if !meta.is_file() {
            return Err(Refused::Changed);
        }
        Ok(file)
    }

    /// Whether an open file's real path, as the system tells it, lies inside. Where the
    /// system cannot tell (no /proc), the checks made before opening stand.
    pub(super) fn holds_open(&self, file: &File) -> bool {
        real_path(file).is_none_or(|real| real.starts_with(&self.real))
    }

    /// The portable way: the real path, checked, then looked at.
    pub(super) fn find_real(&self, name: &Path, outside: bool) -> Result<Found, Refused> {
        let real = std::fs::canonicalize(self.path.join(name))?;
        if !outside && !real.starts_with(&self.real) {
            return Err(Refused::Outside);
        }
        let meta = std::fs::metadata(&real)?;
        #[cfg(target_os = "linux")]
        let kernel = rustix::fs::statfs(&real).is_ok_and(|s| kernel_fs(s.f_type as u32));
        #[cfg(not(target_os = "linux"))]
        let kernel = false;
        Ok(Found {
            meta,
            kernel,
            how: How::Real(real),
        })
    }
}

/// The real path of an open file, where the system tells it.
fn real_path(file: &File) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()
    }
    #[cfg(target_vendor = "apple")]
    {
        use std::os::unix::ffi::OsStringExt;
        let path = rustix::fs::getpath(file).ok()?.into_bytes();
        Some(PathBuf::from(std::ffi::OsString::from_vec(path)))
    }
    #[cfg(not(any(target_os = "linux", target_vendor = "apple")))]
    {
        let _ = file;
        None
    }
}

#[cfg(unix)]
fn open_for_reading(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    // Non-blocking, so that a pipe put in the file's place cannot hang the open; no
    // controlling terminal, should it be one.
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_for_reading(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(target_os = "linux")]
mod linux {
    use std::fs::File;
    use std::os::fd::OwnedFd;
    use std::path::{Path, PathBuf};

    use rustix::fs::{Mode, OFlags, ResolveFlags};
    use rustix::io::Errno;

    use super::{Folder, Found, How, Refused};

    /// Kernel file systems, by their `statfs` magic (linux/magic.h): their files show
    /// the state of the system (memory maps, the environment, the kernel log) with a
    /// size of 0 or 4096 whatever they hold, and some block or never end.
    const KERNEL_FS: &[u32] = &[
        0x0000_9fa0, // proc
        0x6265_6572, // sysfs
        0x6462_6720, // debugfs
        0x7472_6163, // tracefs
        0x7363_6673, // securityfs
        0x0027_e0eb, // cgroup
        0x6367_7270, // cgroup2
        0x6265_6570, // configfs
        0xcafe_4a11, // bpf
        0xde5e_81e4, // efivarfs
        0x6165_676c, // pstore
        0xf97c_ff8c, // selinuxfs
    ];

    pub(super) fn kernel_fs(magic: u32) -> bool {
        KERNEL_FS.contains(&magic)
    }

    /// Opens `name` relative to the folder's descriptor: beneath it unless `outside`,
    /// never through a link of /proc.
    pub(super) fn beneath(
        fd: &OwnedFd,
        name: &Path,
        outside: bool,
        flags: OFlags,
    ) -> Result<File, Errno> {
        let name = if name.as_os_str().is_empty() {
            Path::new(".")
        } else {
            name
        };
        let mut resolve = ResolveFlags::NO_MAGICLINKS;
        if !outside {
            resolve |= ResolveFlags::BENEATH;
        }
        // The kernel answers EAGAIN when a rename raced the resolution: try again.
        let mut tries = 0;
        loop {
            match rustix::fs::openat2(fd, name, flags | OFlags::CLOEXEC, Mode::empty(), resolve) {
                Err(Errno::AGAIN) if tries < 8 => tries += 1,
                opened => return opened.map(File::from),
            }
        }
    }

    pub(super) fn refused(e: Errno) -> Refused {
        match e {
            Errno::XDEV => Refused::Outside,
            Errno::LOOP => Refused::Loop,
            e => Refused::Io(e.into()),
        }
    }

    impl Folder {
        /// The `openat2` way, or `None` where the kernel does not offer it.
        pub(super) fn find_beneath(
            &mut self,
            name: &Path,
            outside: bool,
        ) -> Option<Result<Found, Refused>> {
            let fd = self.fd.as_ref()?;
            let (file, name) = match beneath(fd, name, outside, OFlags::PATH) {
                Ok(file) => (file, name.to_path_buf()),
                // Not there before 5.6, or filtered out by seccomp.
                Err(Errno::NOSYS | Errno::PERM) => {
                    self.fd = None;
                    return None;
                }
                // An absolute link counts as leaving the folder even when it points back
                // in: follow it, and if its real path is inside, take that path beneath
                // the folder again. Any error says only "outside", so nothing is learnt
                // of what lies there.
                Err(Errno::XDEV) if !outside => {
                    let Some(inside) = self.real_inside(name) else {
                        return Some(Err(Refused::Outside));
                    };
                    match beneath(fd, &inside, false, OFlags::PATH) {
                        Ok(file) => (file, inside),
                        Err(e) => return Some(Err(refused(e))),
                    }
                }
                Err(e) => return Some(Err(refused(e))),
            };
            Some(look(&file).map(|(meta, kernel)| Found {
                meta,
                kernel,
                how: How::Beneath(name),
            }))
        }

        /// `name`'s real path relative to the folder, if it lies inside.
        fn real_inside(&self, name: &Path) -> Option<PathBuf> {
            let real = std::fs::canonicalize(self.path.join(name)).ok()?;
            real.strip_prefix(&self.real).ok().map(Path::to_path_buf)
        }
    }

    /// What a found file is, and whether it lies on a kernel file system.
    fn look(file: &File) -> Result<(std::fs::Metadata, bool), Refused> {
        let meta = file.metadata()?;
        let kernel = kernel_fs(rustix::fs::fstatfs(file).map_err(refused)?.f_type as u32);
        Ok((meta, kernel))
    }
}

#[cfg(target_os = "linux")]
use linux::{beneath, kernel_fs, refused};
