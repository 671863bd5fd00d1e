"""Chinese writing conventions, pure functions: numerals (一、（一）一是), figures as written, punctuation."""
