package postgres

// The lookup tables the graph exposes, as Lookups names them.
const (
	Languages      = "language"
	AddressTypes   = "address_type"
	PhoneTypes     = "phone_type"
	TokenTypes     = "token_type"
	TokenStatuses  = "token_status"
	DebtorStatuses = "debtor_status"
	MandateTypes   = "direct_debit_mandate_type"
)
