//! Unit tests of the trickier natives, called through a real `Vm`.
