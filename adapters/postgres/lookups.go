package postgres

import "context"

// LookupTable names a lookup table the graph exposes.
type LookupTable string

const (
	Languages      LookupTable = "Languages"
	AddressTypes   LookupTable = "AddressTypes"
	PhoneTypes     LookupTable = "PhoneTypes"
	TokenTypes     LookupTable = "TokenTypes"
	TokenStatuses  LookupTable = "TokenStatuses"
	DebtorStatuses LookupTable = "DebtorStatuses"
	MandateTypes   LookupTable = "MandateTypes"
)

// Lookups returns every entry of a lookup table, by id.
func (q *Queries) Lookups(ctx context.Context, t LookupTable) ([]Lookup, error) {
	return list[Lookup](ctx, q.db, string(t))
}

// MandateTypeByName finds a mandate type by name, ignoring case.
func (q *Queries) MandateTypeByName(ctx context.Context, name string) (Lookup, error) {
	return one[Lookup](ctx, q.db, "MandateTypeByName", name)
}

// CustomerStatusTypes returns the customer statuses with the statuses each may move to.
func (q *Queries) CustomerStatusTypes(ctx context.Context) ([]StatusType, error) {
	return list[StatusType](ctx, q.db, "CustomerStatusTypes")
}
