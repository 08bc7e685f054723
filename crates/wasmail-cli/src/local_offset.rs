//! The local UTC offset, the Date header's offset when neither `--date` nor `--utc-offset`
//! gives one.

use std::sync::OnceLock;

use wasmail_core::context::UtcOffset;

static LOCAL_OFFSET: OnceLock<UtcOffset> = OnceLock::new();

/// Reads the local UTC offset. Call this before any thread starts: on Unix the offset can only
/// be read safely while the process is single-threaded, and UTC is used otherwise.
pub fn init_local_offset() {
    LOCAL_OFFSET.get_or_init(|| {
        time::UtcOffset::current_local_offset()
            .ok()
            .and_then(|offset| UtcOffset::from_minutes(offset.whole_minutes().into()).ok())
            .unwrap_or(UtcOffset::UTC)
    });
}

/// The offset read by [`init_local_offset`], or UTC before it ran.
pub fn local_offset() -> UtcOffset {
    LOCAL_OFFSET.get().copied().unwrap_or(UtcOffset::UTC)
}
