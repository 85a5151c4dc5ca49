// Package resolvers orchestrates the graph: it checks who may do what, validates input, runs
// reads through per-request loaders and writes in one transaction with an audit row, all on the
// postgres adapter. It knows nothing of REST or HTTP.
package resolvers

//go:generate go tool gqlgen generate

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/accounts"
	"ovgraph/adapters/aptic"
	"ovgraph/adapters/gbo"
	"ovgraph/adapters/postgres"
)

// Store is what the resolvers need of the database: single reads, the loaders' batch reads and
// transactions. *postgres.Store is one.
type Store interface {
	InTx(ctx context.Context, fn func(q *postgres.Queries) error) error

	CustomerBySubject(ctx context.Context, subject string) (postgres.CustomerBySubjectRow, error)
	CustomerViewBySubject(ctx context.Context, subject string) (postgres.CustomerView, error)
	SearchCustomers(ctx context.Context, arg postgres.SearchCustomersParams) ([]postgres.SearchCustomersRow, error)
	Lookups(ctx context.Context, lookupTable string) ([]postgres.LookupsRow, error)
	CustomerStatusTypes(ctx context.Context) ([]postgres.CustomerStatusTypesRow, error)
	AddressByID(ctx context.Context, customerProfileID, addressID int64) (postgres.AddressView, error)
	PhoneByID(ctx context.Context, customerProfileID, phoneID int64) (postgres.PhoneView, error)
	ChipCardByID(ctx context.Context, customerProfileID, chipCardID int64) (postgres.OvChipCard, error)
	TokenByID(ctx context.Context, customerProfileID, tokenID int64) (postgres.TokenView, error)
	TokensByIDs(ctx context.Context, ids []int64) ([]postgres.TokenView, error)
	BillingByID(ctx context.Context, customerProfileID, billingInformationID int64) (postgres.BillingInformation, error)
	MandateByID(ctx context.Context, customerProfileID, mandateID int64) (postgres.MandateView, error)
	TransferByID(ctx context.Context, customerProfileID int64, clientTrackingID string) (postgres.TokenTransfer, error)

	CustomersByIDs(ctx context.Context, ids []int64) ([]postgres.CustomerView, error)
	CustomersByNumbers(ctx context.Context, customerNumbers []int64) ([]postgres.CustomerView, error)
	StatusesByCustomers(ctx context.Context, ids []int64) ([]postgres.StatusesByCustomersRow, error)
	AddressesByCustomers(ctx context.Context, ids []int64) ([]postgres.AddressView, error)
	PhonesByCustomers(ctx context.Context, ids []int64) ([]postgres.PhoneView, error)
	ChipCardsByCustomers(ctx context.Context, ids []int64) ([]postgres.OvChipCard, error)
	TokensByCustomers(ctx context.Context, ids []int64) ([]postgres.TokenView, error)
	BillingByCustomers(ctx context.Context, ids []int64) ([]postgres.BillingInformation, error)
	MandatesByCustomers(ctx context.Context, ids []int64) ([]postgres.MandateView, error)
	AuditByCustomers(ctx context.Context, ids []int64) ([]postgres.AuditByCustomersRow, error)
	ProductInstancesByTokens(ctx context.Context, tokenIds []int64) ([]postgres.ProductInstancesByTokensRow, error)
	// The catalogue and orders of the SE orders API.
	Products(ctx context.Context) ([]postgres.ProductsRow, error)
	OrderStatuses(ctx context.Context) ([]postgres.OrderStatus, error)
	OrderLineStatuses(ctx context.Context) ([]postgres.OrderLineStatus, error)
	SalesTouchpoints(ctx context.Context) ([]postgres.SalesTouchpointsRow, error)
	ChallengeTypes(ctx context.Context) ([]postgres.ChallengeType, error)
	PaymentMethods(ctx context.Context) ([]postgres.PaymentMethod, error)
	GboAgeProfiles(ctx context.Context) ([]postgres.GboAgeProfile, error)
	SearchOrders(ctx context.Context, arg postgres.SearchOrdersParams) ([]postgres.SearchOrdersRow, error)
	OrdersByIDs(ctx context.Context, ids []int64) ([]postgres.OrderView, error)
	OrdersByOrderIDs(ctx context.Context, orderIds []pgtype.UUID) ([]postgres.OrderView, error)
	OrderPagesByCustomers(ctx context.Context, arg postgres.OrderPagesByCustomersParams) ([]postgres.OrderPagesByCustomersRow, error)
	StatusHistoryByOrders(ctx context.Context, orderKeys []int64) ([]postgres.StatusHistoryByOrdersRow, error)
	LinesByOrders(ctx context.Context, orderKeys []int64) ([]postgres.LinesByOrdersRow, error)
	PaymentsByOrders(ctx context.Context, orderKeys []int64) ([]postgres.PaymentView, error)
	OrderCustomerAddressesByOrders(ctx context.Context, orderKeys []int64) ([]postgres.OrderCustomerAddressesByOrdersRow, error)
	TermsByLines(ctx context.Context, lineKeys []int64) ([]postgres.OrderLineTerm, error)
	AccountingStatusesByLines(ctx context.Context, lineKeys []int64) ([]postgres.AccountingStatusesByLinesRow, error)
	CustomerTokensByLines(ctx context.Context, lineKeys []int64) ([]postgres.CustomerTokensByLinesRow, error)
	PaymentStatusesByPayments(ctx context.Context, paymentKeys []int64) ([]postgres.PaymentStatusesByPaymentsRow, error)
	PaymentsByMandates(ctx context.Context, mandateIds []int64) ([]postgres.PaymentView, error)
	// The profiles' links to the vendor systems and their changes on the way there.
	VendorLinksByCustomers(ctx context.Context, ids []int64) ([]postgres.VendorLink, error)
	VendorSyncsByCustomers(ctx context.Context, ids []int64) ([]postgres.VendorSync, error)
	// The gboAgeProfile query: what is known of a customer token's holder.
	CustomerTokenBirthdate(ctx context.Context, customerTokenID pgtype.UUID) (postgres.CustomerTokenBirthdateRow, error)
	// PageChildren reads the child lists of a page of profiles in one statement.
	PageChildren(ctx context.Context, ids []int64, want postgres.ChildLists, into postgres.ChildRows) error
}

var _ Store = (*postgres.Store)(nil)

// Deps are everything the resolvers depend on, in one struct: a new adapter is one field here and
// one line where cmd builds it, not a new parameter of every constructor.
type Deps struct {
	Store Store
	// GBO is the national OVpay back office: cards, their personal account data, e-purses and
	// which token types carry which products.
	GBO gbo.Backoffice
	// Jobs enqueues background jobs (token transfers) in a write's transaction.
	Jobs Jobs
	Log  *slog.Logger
	// Options tune the executable schema.
	Options Options
	// Accounts and Aptic are the vendor systems' clients (MasStack accounts, Aptic credit
	// management); a vendor without configuration has a disabled client whose calls fail with
	// ErrNotConfigured. Nil in tests that need no vendor: its fields answer as not configured.
	Accounts *accounts.Client
	Aptic    *aptic.Client
	// VendorDeadline bounds the vendor calls of one request together (0: the request's own
	// deadline alone).
	VendorDeadline time.Duration
}

// Resolver is the root of every resolver; it holds the dependencies and nothing else.
type Resolver struct {
	Deps
}
