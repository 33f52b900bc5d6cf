//! The global interpreter lock (placeholder; being written).
