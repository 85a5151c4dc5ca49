package postgres

// Statement exposes a named statement to the package's tests.
var Statement = statement
