//! Giving freed memory back to the system. Reading a large file builds and frees far
//! more than the debate keeps (serde_yaml holds a document's events while it builds
//! it); glibc's allocator keeps what was freed for later, so a process that loaded a
//! large debate would stay that large for as long as it runs.

/// Returns the memory freed so far to the system, where the allocator keeps it
/// otherwise (glibc: `malloc_trim`, which also releases free pages inside the heap).
/// Costs a walk of the allocator's free lists: call it once, after a load.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only reads and changes the allocator's own state, under its
    // locks; it takes no pointer.
    unsafe {
        libc::malloc_trim(0);
    }
}
