package graph

// Hand-written models of MasStack's billing accounts (Customer.billingAccounts). An account
// carries what its lists are asked of MasStack by (OrgID, CustomerID, AccountID); the lists are
// absent, so gqlgen generates a resolver for each and nothing is asked unless selected.

// BillingAccount is a billing account of the profile's MasStack customer.
type BillingAccount struct {
	AccountID      string
	OrgID          string
	CustomerID     string
	Modality       string
	PaymentMethod  *BillingAccountPaymentMethod
	BillingAddress *BillingAccountAddress
	Invoice        *BillingAccountInvoice
	CreatedAt      *DateTime
}

// BillingAccountPayload answers a write on a billing account. OrgID and VendorCustomerID name
// the MasStack customer the account is read back from (billingAccount, when selected).
type BillingAccountPayload struct {
	CustomerNumber   int
	AccountID        string
	OrgID            string
	VendorCustomerID string
	Customer         *Customer
}
