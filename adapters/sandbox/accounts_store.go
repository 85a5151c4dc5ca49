package sandbox

import (
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"ovgraph/adapters/sandbox/accountsapi"
)

// DemoOrg is the MasStack organisation of the demo data ("telco" in every example of the
// vendor's documentation).
const DemoOrg = "telco"

// AccountsCustomerID is the MasStack customer id the sandbox gives demo customer n (1000001 →
// c0000000-0000-4000-8000-000001000001). Any other uuid is a customer without accounts.
func AccountsCustomerID(customerNumber int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("c0000000-0000-4000-8000-%012d", customerNumber))
}

// AccountID is the id of demo customer n's k-th account (k from 1).
func AccountID(customerNumber, k int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("a%07d-0000-4000-8000-%012d", k, customerNumber))
}

// PromotionID is the id of the k-th promotion relation of demo customer n (k from 1).
func PromotionID(customerNumber, k int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("b%07d-0000-4000-8000-%012d", k, customerNumber))
}

type paymentMethod struct {
	kind    string
	iban    string
	tokenID string
}

func (p paymentMethod) toMap() map[string]any {
	m := map[string]any{"type": p.kind}
	switch {
	case p.iban != "":
		m["details"] = map[string]any{"iban": p.iban}
	case p.tokenID != "":
		m["details"] = map[string]any{"token_id": p.tokenID}
	default:
		m["details"] = nil
	}
	return m
}

type billingRecord struct {
	id          uuid.UUID
	address     map[string]any
	createStamp time.Time
	validFrom   civilDate
	validTo     civilDate // zero while current
}

func (b billingRecord) toMap() map[string]any {
	m := map[string]any{
		"id":              b.id.String(),
		"billing_address": cloneMap(b.address),
		"createStamp":     b.createStamp.UTC().Format(time.RFC3339),
		"valid_from":      b.validFrom.String(),
		"valid_to":        nil,
	}
	if !b.validTo.IsZero() {
		m["valid_to"] = b.validTo.String()
	}
	return m
}

type promotion struct {
	id           uuid.UUID
	code         string
	name         string
	description  string
	start        civilDate
	end          civilDate // zero: open-ended
	cancellation *civilDate
}

// status is ACTIVE, SCHEDULED, CANCELLED or EXPIRED on the given day.
func (p *promotion) status(today civilDate) string {
	switch {
	case p.cancellation != nil && !today.before(*p.cancellation):
		return "CANCELLED"
	case !p.end.IsZero() && p.end.before(today):
		return "EXPIRED"
	case today.before(p.start):
		return "SCHEDULED"
	}
	return "ACTIVE"
}

func (p *promotion) toMap(today civilDate) map[string]any {
	m := map[string]any{
		"account_promotion_id": p.id.String(),
		"promotion_code":       p.code,
		"name":                 p.name,
		"description":          p.description,
		"status":               p.status(today),
		"start_date":           p.start.String(),
		"end_date":             nil,
		"cancellation_date":    nil,
	}
	if !p.end.IsZero() {
		m["end_date"] = p.end.String()
	}
	if p.cancellation != nil {
		m["cancellation_date"] = p.cancellation.String()
	}
	return m
}

type promotionOp struct {
	id        uuid.UUID
	promotion *promotion
	operation string // ACTIVATION, SCHEDULING, CANCELLATION
	date      civilDate
}

func (o promotionOp) toMap() map[string]any {
	return map[string]any{
		"id":                   o.id.String(),
		"account_promotion_id": o.promotion.id.String(),
		"promotion_code":       o.promotion.code,
		"name":                 o.promotion.name,
		"operation":            o.operation,
		"operation_date":       o.date.String(),
	}
}

type account struct {
	id             uuid.UUID
	org            string
	customerID     uuid.UUID
	modality       string
	paymentMethod  paymentMethod
	billingHistory []billingRecord // oldest first; the last is current
	promotions     []*promotion
	promotionOps   []promotionOp
	invoiceDay     int
	createdAt      time.Time
}

func (a *account) toGetAccount() map[string]any {
	m := map[string]any{
		"account_id":      a.id.String(),
		"org_id":          a.org,
		"customer_id":     a.customerID.String(),
		"modality":        a.modality,
		"payment_method":  a.paymentMethod.toMap(),
		"billing_address": nil,
		"invoice": map[string]any{"cycle": map[string]any{
			"name": "MONTHLY", "day": a.invoiceDay, "type": "CALENDAR", "frequency": "MONTHLY",
		}},
		"created_at": a.createdAt.UTC().Format(time.RFC3339),
	}
	if n := len(a.billingHistory); n > 0 {
		m["billing_address"] = cloneMap(a.billingHistory[n-1].address)
	}
	return m
}

// promotionsOf lists the relations of one kind: ACTIVE, SCHEDULED or ALL (both).
func (a *account) promotionsOf(today civilDate, kind string) []accountsapi.AccountPromotion {
	out := []accountsapi.AccountPromotion{}
	for _, p := range a.promotions {
		st := p.status(today)
		if st == kind || (kind == "ALL" && (st == "ACTIVE" || st == "SCHEDULED")) {
			out = append(out, p.toMap(today))
		}
	}
	return out
}

// accountsStore holds MasStack's accounts; one lock guards them all.
type accountsStore struct {
	now func() time.Time

	mu       sync.RWMutex
	accounts map[uuid.UUID]*account
}

func newAccountsStore(now func() time.Time) *accountsStore {
	s := &accountsStore{now: now}
	s.reset()
	return s
}

func (s *accountsStore) reset() {
	accounts := demoAccounts(s.now())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.accounts = accounts
}

func (s *accountsStore) today() civilDate { return civil(s.now().UTC()) }

func (s *accountsStore) find(org string, id uuid.UUID) (*account, error) {
	acc, ok := s.accounts[id]
	if !ok || acc.org != org {
		return nil, accountsNotFound("account " + id.String())
	}
	return acc, nil
}

func (s *accountsStore) read(org string, id uuid.UUID, f func(*account, civilDate) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	acc, err := s.find(org, id)
	if err != nil {
		return err
	}
	return f(acc, s.today())
}

func (s *accountsStore) readOwned(org string, customer, id uuid.UUID, f func(*account, civilDate) error) error {
	return s.read(org, id, func(acc *account, today civilDate) error {
		if acc.customerID != customer {
			return accountsNotFound("account " + id.String() + " of customer " + customer.String())
		}
		return f(acc, today)
	})
}

func (s *accountsStore) write(org string, id uuid.UUID, f func(*account, civilDate) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	acc, err := s.find(org, id)
	if err != nil {
		return err
	}
	return f(acc, s.today())
}

func (s *accountsStore) accountIDs(org string, customer uuid.UUID) []uuid.UUID {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var list []*account
	for _, a := range s.accounts {
		if a.org == org && a.customerID == customer {
			list = append(list, a)
		}
	}
	slices.SortFunc(list, func(a, b *account) int {
		if c := a.createdAt.Compare(b.createdAt); c != 0 {
			return c
		}
		return strings.Compare(a.id.String(), b.id.String())
	})
	ids := make([]uuid.UUID, len(list))
	for i, a := range list {
		ids[i] = a.id
	}
	return ids
}

// create adds an account; a customer has at most one account per modality (409 otherwise).
func (s *accountsStore) create(org string, customer uuid.UUID, modality string, pm paymentMethod, address map[string]any) (uuid.UUID, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.accounts {
		if a.org == org && a.customerID == customer && a.modality == modality {
			return uuid.Nil, accountsConflict("customer %s has a %s account already (%s)", customer, modality, a.id)
		}
	}
	now := s.now()
	acc := &account{id: uuid.New(), org: org, customerID: customer, modality: modality, paymentMethod: pm, invoiceDay: 1, createdAt: now}
	if address != nil {
		acc.billingHistory = []billingRecord{{id: uuid.New(), address: address, createStamp: now, validFrom: civil(now)}}
	}
	s.accounts[acc.id] = acc
	return acc.id, nil
}

// delete removes an account of the customer; one with an active or scheduled promotion is
// refused with 409 (cancel the promotions first).
func (s *accountsStore) delete(org string, customer, id uuid.UUID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	acc, err := s.find(org, id)
	if err != nil {
		return err
	}
	if acc.customerID != customer {
		return accountsNotFound("account " + id.String() + " of customer " + customer.String())
	}
	today := s.today()
	for _, p := range acc.promotions {
		if st := p.status(today); st == "ACTIVE" || st == "SCHEDULED" {
			return accountsConflict("account %s has the %s promotion %s: cancel it first", id, strings.ToLower(st), p.id)
		}
	}
	delete(s.accounts, id)
	return nil
}

// validIBAN checks an IBAN's length and mod-97 check digits.
func validIBAN(s string) bool {
	s = normalizeIBAN(s)
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	var digits strings.Builder
	for _, r := range s[4:] + s[:4] {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			fmt.Fprintf(&digits, "%d", r-'A'+10)
		default:
			return false
		}
	}
	n, ok := new(big.Int).SetString(digits.String(), 10)
	return ok && new(big.Int).Mod(n, big.NewInt(97)).Int64() == 1
}

func normalizeIBAN(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}

// AddAccountPromotion gives account accountID (of org) a promotion relation running from start on,
// open-ended, with an ACTIVATION (or SCHEDULING, for a later start) in its history, and returns
// the relation's id. MasStack's contract has no operation that adds one: this is for tests and
// demos that need a promotion to cancel.
func (s *Sandbox) AddAccountPromotion(org string, accountID uuid.UUID, code, name string, start time.Time) (uuid.UUID, error) {
	id := uuid.New()
	err := s.accounts.write(org, accountID, func(acc *account, today civilDate) error {
		p := &promotion{id: id, code: code, name: name, description: name, start: civil(start)}
		acc.promotions = append(acc.promotions, p)
		op := "ACTIVATION"
		if today.before(p.start) {
			op = "SCHEDULING"
		}
		acc.promotionOps = append(acc.promotionOps, promotionOp{id: uuid.New(), promotion: p, operation: op, date: today})
		return nil
	})
	if err != nil {
		return uuid.Nil, err
	}
	return id, nil
}
