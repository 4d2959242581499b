//! Handing freed memory back to the system after a reset.
//!
//! glibc keeps freed heap pages for reuse, in one arena per thread, so after a
//! flood the process would stay large although the emulator holds nothing;
//! `malloc_trim` returns those pages. Elsewhere this is a no-op.

/// Returns the allocator's free pages to the system where the allocator allows it.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe and
    // touches no memory the program still uses.
    unsafe {
        libc::malloc_trim(0);
    }
}
