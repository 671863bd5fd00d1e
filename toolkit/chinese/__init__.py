"""Chinese writing conventions, pure functions: numerals (一、（一）一是), figures as written, punctuation,
and amounts as departments type them into a cell (``55.33亿``, ``1,234``, ``５５.３３``)."""
