"""Writing output files safely: atomically, never over an input, never over a file someone else wrote."""
