//! Giving freed memory back to the system. Reading a large file builds and frees far
//! more than the debate keeps (serde_yaml holds a document's events while it builds
//! it); an allocator keeps what was freed for later, so a process that loaded a large
//! debate would stay that large for a while, or for as long as it runs.

/// Returns the memory freed so far to the system. The binary allocates with jemalloc,
/// which would give it back over the next seconds; this does it now. Costs a walk of
/// the allocator's arenas: call it once, after a load. Where jemalloc is not the
/// allocator in use (the tests), it has nothing of its own to give back.
pub fn give_back() {
    #[cfg(not(target_env = "msvc"))]
    {
        // `arena.<MALLCTL_ARENAS_ALL>.purge`: every arena's unused dirty pages.
        const PURGE_ALL: &[u8] = b"arena.4096.purge\0";
        // SAFETY: the name is a NUL-terminated mallctl name; a purge reads and writes
        // no value, so every pointer is null and every length 0.
        unsafe {
            tikv_jemalloc_sys::mallctl(
                PURGE_ALL.as_ptr().cast(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
            );
        }
    }
}
