"""Search in mathematics: the Andrews–Curtis game ([`weightspace.search.ac`][weightspace.search.ac])."""
