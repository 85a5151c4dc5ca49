package graph

// ApticCredit is a profile's customer in Aptic credit management (Customer.credit): the GUID of
// the profile's link. Its parts (overview and lists) are absent, so each is resolved, and calls
// Aptic, only when selected.
type ApticCredit struct {
	CustomerGUID string
}
