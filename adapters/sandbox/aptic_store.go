package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"ovgraph/adapters/sandbox/apticapi"
)

// ApticCustomerGUID is the Aptic GUID the sandbox gives demo customer n (1000001 →
// d0000000-0000-4000-8000-000001000001); its customerReference is the customer number.
func ApticCustomerGUID(customerNumber int) string {
	return fmt.Sprintf("d0000000-0000-4000-8000-%012d", customerNumber)
}

// apticItemSpace is the namespace of the GUIDs the sandbox gives what it creates below a customer.
var apticItemSpace = uuid.MustParse("6f1f7a52-3c1e-4d0b-9a57-1d2c0b7e6a10")

// ApticItemGUID is the GUID the sandbox gives the n-th item (from 1) of resource ("Addresses",
// "CreditInsurances", "DirectDebitMandates", "Actions") created below the customer guid: GUIDs are
// predictable, so a test can name an item its document creates first.
func ApticItemGUID(guid, resource string, n int) string {
	return uuid.NewSHA1(apticItemSpace, []byte(fmt.Sprintf("%s/%s/%d", strings.ToLower(guid), resource, n))).String()
}

// apticCustomer is one Aptic customer with everything below it. Values are replaced, never
// changed in place, so answers built from them may be encoded after the lock is released.
type apticCustomer struct {
	guid        string
	customer    apticapi.Customer // Addresses is filled from addresses on read
	addresses   []apticapi.Address
	extraFields []apticapi.ExtraField
	partyParams []apticapi.PartyParameter
	mandates    []apticapi.DirectDebitMandate
	insurances  []apticapi.CreditInsurance
	actions     []apticapi.CustomerAction
	overview    apticapi.FinancialOverview
	loans       []apticapi.Loan
	created     map[string]int // items created per resource, for ApticItemGUID
}

// nextGUID is the GUID of the next item of resource created below the customer.
func (c *apticCustomer) nextGUID(resource string) string {
	if c.created == nil {
		c.created = map[string]int{}
	}
	c.created[resource]++
	return ApticItemGUID(c.guid, resource, c.created[resource])
}

func (c *apticCustomer) link(resource, guid string) apticapi.Link {
	return apticapi.Link{
		Type: ptr("GET"), Name: ptr(resource), Resource: ptr(resource), Guid: ptr(guid),
		Href: ptr(fmt.Sprintf("/v1/Customers/%s/%s/%s", c.guid, resource, guid)),
	}
}

// toCustomer is the read model: the customer with its addresses embedded.
func (c *apticCustomer) toCustomer() apticapi.Customer {
	out := c.customer
	embedded := make([]apticapi.CustomerAddress, 0, len(c.addresses))
	for _, a := range c.addresses {
		embedded = append(embedded, apticapi.CustomerAddress{
			TypeCode: a.AddressType, FullName: a.FullName, Street: a.Street, HouseNo: a.HouseNo,
			HouseNoExtension: a.HouseNoExtension, City: a.City, StateCode: a.StateCode, ZipCode: a.ZipCode,
			FullAddress: a.FullAddress, CountryCode: a.CountryCode, DefaultAddress: a.DefaultAddress,
			ValidFrom: a.ValidFrom, ValidTo: a.ValidTo, AddressNotValid: a.AddressNotValidDate,
			AddressNotValidOverride: a.ValidOverride, UpdateExisting: ptr(false),
		})
	}
	out.Addresses = &embedded
	out.Links = &[]apticapi.Link{{Type: ptr("GET"), Name: ptr("FinancialOverview"), Resource: ptr("FinancialOverview"), Guid: ptr(c.guid), Href: ptr("/v1/Customers/" + c.guid + "/FinancialOverview")}}
	return out
}

func (c *apticCustomer) toListItem() apticapi.CustomerListItem {
	x := c.customer
	return apticapi.CustomerListItem{
		CustomerGuid: x.CustomerGuid, CustomerReference: x.CustomerReference, IdNumber: x.IdNumber,
		JuridicalType: x.JuridicalType, PlaceOfBirth: x.PlaceOfBirth, DateOfBirth: x.DateOfBirth,
		FullName: x.FullName, VatNumber: x.VatNumber, NaceCode: x.NaceCode, HomePhone: x.HomePhone,
		WorkPhone: x.WorkPhone, CellularPhone: x.CellularPhone, Email: x.Email,
		LanguageCode: x.LanguageCode, CurrencyCode: x.CurrencyCode,
	}
}

func (c *apticCustomer) update(in apticapi.UpdateCustomer) {
	x := &c.customer
	set(&x.CustomerReference, in.CustomerReference)
	set(&x.IdNumber, in.IdNumber)
	set(&x.JuridicalType, in.JuridicalType)
	set(&x.PlaceOfBirth, in.PlaceOfBirth)
	set(&x.DateOfBirth, in.DateOfBirth)
	set(&x.Gender, in.Gender)
	set(&x.CultureCode, in.CultureCode)
	set(&x.Firstname, in.Firstname)
	set(&x.Middlename, in.Middlename)
	set(&x.Lastname, in.Lastname)
	set(&x.NameSuffix, in.NameSuffix)
	set(&x.Domicile, in.Domicile)
	set(&x.MunicipalCode, in.MunicipalCode)
	set(&x.VatNumber, in.VatNumber)
	set(&x.CompanyType, in.CompanyType)
	set(&x.GlnNumber, in.GlnNumber)
	set(&x.NaceCode, in.NaceCode)
	set(&x.HomePhone, in.HomePhone)
	set(&x.WorkPhone, in.WorkPhone)
	set(&x.CellularPhone, in.CellularPhone)
	set(&x.Telefax, in.Telefax)
	set(&x.Email, in.Email)
	set(&x.LanguageCode, in.LanguageCode)
	set(&x.CurrencyCode, in.CurrencyCode)
	set(&x.PreferredChannel, in.PreferredChannel)
	set(&x.InvoiceChannel, in.InvoiceChannel)
	set(&x.UnderAged, in.UnderAged)
}

// addAddress adds an address; a new default address makes the others non-default.
func (c *apticCustomer) addAddress(in apticapi.AddressDetails, now time.Time) apticapi.Address {
	now = now.UTC().Truncate(time.Second)
	guid := c.nextGUID("Addresses")
	a := apticapi.Address{AddressGuid: &guid, LastUpdatedAt: &now, ValidOverride: ptr(false)}
	applyAddress(&a, in)
	if a.DefaultAddress == nil {
		a.DefaultAddress = ptr(len(c.addresses) == 0)
	}
	if *a.DefaultAddress {
		c.clearDefault()
	}
	c.addresses = append(c.addresses, a)
	return a
}

func (c *apticCustomer) updateAddress(guid string, in apticapi.AddressDetails, now time.Time) error {
	i := slices.IndexFunc(c.addresses, func(x apticapi.Address) bool { return *x.AddressGuid == guid })
	if i < 0 {
		return apticNotFound("address %s not found", guid)
	}
	a := c.addresses[i]
	applyAddress(&a, in)
	now = now.UTC().Truncate(time.Second)
	a.LastUpdatedAt = &now
	if in.DefaultAddress != nil && *in.DefaultAddress {
		c.clearDefault()
	}
	c.addresses[i] = a
	return nil
}

func (c *apticCustomer) clearDefault() {
	for i := range c.addresses {
		c.addresses[i].DefaultAddress = ptr(false)
	}
}

func applyAddress(a *apticapi.Address, in apticapi.AddressDetails) {
	set(&a.AddressType, in.AddressType)
	set(&a.FullName, in.FullName)
	set(&a.Street, in.Street)
	set(&a.HouseNo, in.HouseNo)
	set(&a.HouseNoExtension, in.HouseNoExtension)
	set(&a.City, in.City)
	set(&a.ZipCode, in.ZipCode)
	set(&a.StateCode, in.StateCode)
	set(&a.CountryCode, in.CountryCode)
	set(&a.AddressNotValidDate, in.AddressNotValidDate)
	set(&a.DefaultAddress, in.DefaultAddress)
	set(&a.ValidFrom, in.ValidFrom)
	set(&a.ValidTo, in.ValidTo)
	if a.AddressType == nil {
		a.AddressType = ptr("LEGAL")
	}
	a.FullAddress = ptr(fullAddress(a.Street, a.HouseNo, a.HouseNoExtension, a.ZipCode, a.City))
}

func fullAddress(street, no, ext, zip, city *string) string {
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	line := strings.TrimSpace(strings.Join([]string{s(street), s(no), s(ext)}, " "))
	return strings.TrimSpace(line + ", " + strings.TrimSpace(s(zip)+" "+s(city)))
}

// apticStore holds Aptic's customers; one lock guards them all.
type apticStore struct {
	now func() time.Time

	mu        sync.RWMutex
	customers map[string]*apticCustomer
	order     []string // creation order
}

func newApticStore(now func() time.Time) *apticStore {
	s := &apticStore{now: now}
	s.reset()
	return s
}

func (s *apticStore) reset() {
	list := demoApticCustomers(s.now())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.customers = map[string]*apticCustomer{}
	s.order = nil
	for _, c := range list {
		s.customers[c.guid] = c
		s.order = append(s.order, c.guid)
	}
}

func (s *apticStore) find(guid string) (*apticCustomer, error) {
	c, ok := s.customers[strings.ToLower(guid)]
	if !ok {
		return nil, apticNotFound("customer %s not found", guid)
	}
	return c, nil
}

func (s *apticStore) read(guid string, f func(*apticCustomer) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, err := s.find(guid)
	if err != nil {
		return err
	}
	return f(c)
}

func (s *apticStore) write(guid string, f func(*apticCustomer) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.find(guid)
	if err != nil {
		return err
	}
	return f(c)
}

func (s *apticStore) list() []apticapi.CustomerListItem {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]apticapi.CustomerListItem, 0, len(s.order))
	for _, g := range s.order {
		out = append(out, s.customers[g].toListItem())
	}
	return out
}

// createCustomer adds a customer (PUT /v1/Customers). A given customerGuid must be a uuid not in
// use (409 otherwise); the flat main address becomes the customer's first address (LEGAL).
func (s *apticStore) createCustomer(in apticapi.NewCustomer) (apticapi.Customer, error) {
	fullName := ""
	if in.FullName != nil {
		fullName = strings.TrimSpace(*in.FullName)
	}
	if fullName == "" {
		var parts []string
		for _, p := range []*string{in.Firstname, in.Middlename, in.Lastname} {
			if p != nil && strings.TrimSpace(*p) != "" {
				parts = append(parts, strings.TrimSpace(*p))
			}
		}
		if in.Firstname == nil || in.Lastname == nil || len(parts) < 2 {
			return apticapi.Customer{}, apticBadRequest("fullName, or firstname and lastname, are required")
		}
		fullName = strings.Join(parts, " ")
	}
	if err := checkChannels(in.PreferredChannel, in.InvoiceChannel); err != nil {
		return apticapi.Customer{}, err
	}
	guid := uuid.NewString()
	if in.CustomerGuid != nil && *in.CustomerGuid != "" {
		id, err := uuid.Parse(*in.CustomerGuid)
		if err != nil {
			return apticapi.Customer{}, apticBadRequest("customerGuid %q is no GUID", *in.CustomerGuid)
		}
		guid = id.String()
	}
	now := s.now().UTC().Truncate(time.Second)
	c := &apticCustomer{guid: guid, customer: apticapi.Customer{
		CustomerGuid: &guid, CustomerReference: in.CustomerReference, IdNumber: in.IdNumber,
		JuridicalType: in.JuridicalType, PlaceOfBirth: in.PlaceOfBirth, DateOfBirth: in.DateOfBirth,
		Gender: in.Gender, CultureCode: in.CultureCode, FullName: &fullName, Firstname: in.Firstname,
		Middlename: in.Middlename, Lastname: in.Lastname, NameSuffix: in.NameSuffix,
		Domicile: in.Domicile, MunicipalCode: in.MunicipalCode, VatNumber: in.VatNumber,
		CompanyType: in.CompanyType, GlnNumber: in.GlnNumber, NaceCode: in.NaceCode,
		HomePhone: in.HomePhone, WorkPhone: in.WorkPhone, CellularPhone: in.CellularPhone,
		Telefax: in.Telefax, Email: in.Email, LanguageCode: in.LanguageCode, CurrencyCode: in.CurrencyCode,
		PreferredChannel: in.PreferredChannel, InvoiceChannel: in.InvoiceChannel, UnderAged: in.UnderAged,
		RegDate: &now,
	}}
	if c.customer.JuridicalType == nil {
		c.customer.JuridicalType = ptr(apticapi.JuridicalType(0))
	}
	c.overview = emptyOverview(c.customer.CurrencyCode)
	c.actions = []apticapi.CustomerAction{c.welcomeAction(now)}
	if in.Street != nil || in.City != nil || in.ZipCode != nil {
		c.addAddress(apticapi.AddressDetails{
			AddressType: ptr("LEGAL"), Street: in.Street, HouseNo: in.HouseNo, HouseNoExtension: in.HouseNoExtension,
			City: in.City, ZipCode: in.ZipCode, StateCode: in.StateCode, CountryCode: in.CountryCode,
			DefaultAddress: ptr(true),
		}, now)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.customers[guid]; ok {
		return apticapi.Customer{}, problem{status: http.StatusConflict, detail: fmt.Sprintf("customer %s exists already", guid)}
	}
	s.customers[guid] = c
	s.order = append(s.order, guid)
	return c.toCustomer(), nil
}

// welcomeAction is the question every customer created through the API starts with: confirm the
// contact details (YES or NO), which may be postponed.
func (c *apticCustomer) welcomeAction(now time.Time) apticapi.CustomerAction {
	guid := c.nextGUID("Actions")
	processAt := now.AddDate(0, 0, 14)
	return apticapi.CustomerAction{
		ActionGuid: &guid, LoggedAt: &now, ProcessAt: &processAt, ActionItemCode: ptr("CONFIRM_CONTACT"),
		Message: ptr("Kloppen uw contactgegevens?"), AllowPostpone: ptr(true), ActionCategoryCode: ptr("CONTACT"),
		ActionCategoryDescription: ptr("Contactgegevens"), Responses: &[]string{"YES", "NO"},
		Links: &[]apticapi.Link{c.link("Actions", guid)},
	}
}

func emptyOverview(currency *string) apticapi.FinancialOverview {
	if currency == nil {
		currency = ptr("EUR")
	}
	return apticapi.FinancialOverview{
		TotalBalance: ptr(0.0), AccountBalance: ptr(0.0), UnsettledPaymentBalance: ptr(0.0), CurrencyCode: currency,
		Purchases: &[]apticapi.Purchase{}, Invoices: &[]apticapi.Invoice{}, Accounts: &[]apticapi.CustomerAccount{},
		Guarantees: &[]apticapi.Guarantee{}, Collaterals: &[]apticapi.Collateral{}, MyGuarantors: &[]apticapi.Guarantor{},
		GuaranteeFor: &[]apticapi.GuaranteedCustomer{}, AllRelatedCustomers: &[]apticapi.RelatedCustomer{},
	}
}

// channels are the predefined values of preferredChannel and invoiceChannel (letter case counts).
var channels = []string{"LETTER", "E-INVOICE", "EMAIL", "SMS"}

func checkChannels(values ...*string) error {
	for _, v := range values {
		if v != nil && !slices.Contains(channels, *v) {
			return apticBadRequest("channel %q: one of %s", *v, strings.Join(channels, ", "))
		}
	}
	return nil
}

// The simplified OData list parameters: $filter as `field eq 'value'` conditions joined by
// `and` (also ne, and contains(field,'value')), $orderby as `field [asc|desc]`, $skip (default
// 0) and $top (default 25, at most 100). Field names are the JSON names, in any letter case.
var (
	odataCompare  = regexp.MustCompile(`^(?i)([A-Za-z][A-Za-z0-9]*)\s+(eq|ne)\s+(?:'((?:[^']|'')*)'|(-?[0-9.]+|true|false|null))$`)
	odataContains = regexp.MustCompile(`^(?i)contains\(\s*([A-Za-z][A-Za-z0-9]*)\s*,\s*'((?:[^']|'')*)'\s*\)$`)
	odataAnd      = regexp.MustCompile(`(?i)\s+and\s+`)
)

type odataCondition func(fields map[string]string) bool

func parseFilter(filter string) ([]odataCondition, error) {
	var conds []odataCondition
	for _, part := range odataAnd.Split(strings.TrimSpace(filter), -1) {
		part = strings.TrimSpace(part)
		if m := odataCompare.FindStringSubmatch(part); m != nil {
			field, op := strings.ToLower(m[1]), strings.ToLower(m[2])
			want := strings.ReplaceAll(m[3], "''", "'")
			if m[3] == "" && m[4] != "" {
				want = m[4]
			}
			conds = append(conds, func(f map[string]string) bool {
				v, ok := f[field]
				eq := ok && strings.EqualFold(v, want)
				if want == "null" && m[4] != "" {
					eq = !ok
				}
				return eq == (op == "eq")
			})
			continue
		}
		if m := odataContains.FindStringSubmatch(part); m != nil {
			field, want := strings.ToLower(m[1]), strings.ToLower(strings.ReplaceAll(m[2], "''", "'"))
			conds = append(conds, func(f map[string]string) bool {
				return strings.Contains(strings.ToLower(f[field]), want)
			})
			continue
		}
		return nil, apticBadRequest("$filter %q: the sandbox reads `field eq 'value'`, `field ne 'value'` and `contains(field,'value')`, joined by `and`", part)
	}
	return conds, nil
}

// fieldsOf flattens an item's top-level scalar JSON fields, keyed by lower-case name.
func fieldsOf(item any) map[string]string {
	b, _ := json.Marshal(item)
	var raw map[string]any
	_ = json.Unmarshal(b, &raw)
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[strings.ToLower(k)] = v
		case float64, bool:
			out[strings.ToLower(k)] = fmt.Sprint(v)
		}
	}
	return out
}

// odataPage filters, orders and pages items; it returns the page, the total of matches and the
// skip used.
func odataPage[T any](items []T, filter, orderby *string, skip, top *int32) ([]T, int32, int32, error) {
	sk, tp := int32(0), int32(25)
	if skip != nil {
		sk = *skip
	}
	if top != nil {
		tp = *top
	}
	if sk < 0 {
		return nil, 0, 0, apticBadRequest("$skip must not be negative")
	}
	if tp < 0 || tp > 100 {
		return nil, 0, 0, apticBadRequest("$top must be between 0 and 100")
	}
	type row struct {
		item   T
		fields map[string]string
	}
	rows := make([]row, 0, len(items))
	for _, it := range items {
		rows = append(rows, row{it, fieldsOf(it)})
	}
	if filter != nil && strings.TrimSpace(*filter) != "" {
		conds, err := parseFilter(*filter)
		if err != nil {
			return nil, 0, 0, err
		}
		rows = slices.DeleteFunc(rows, func(r row) bool {
			for _, c := range conds {
				if !c(r.fields) {
					return true
				}
			}
			return false
		})
	}
	if orderby != nil && strings.TrimSpace(*orderby) != "" {
		parts := strings.Fields(*orderby)
		field, desc := strings.ToLower(parts[0]), false
		if len(parts) > 2 || (len(parts) == 2 && !slices.Contains([]string{"asc", "desc"}, strings.ToLower(parts[1]))) {
			return nil, 0, 0, apticBadRequest("$orderby %q: `field [asc|desc]`", *orderby)
		}
		if len(parts) == 2 {
			desc = strings.EqualFold(parts[1], "desc")
		}
		slices.SortStableFunc(rows, func(a, b row) int {
			c := strings.Compare(strings.ToLower(a.fields[field]), strings.ToLower(b.fields[field]))
			if desc {
				return -c
			}
			return c
		})
	}
	total := int32(len(rows))
	out := []T{}
	for i := sk; i < total && int32(len(out)) < tp; i++ {
		out = append(out, rows[i].item)
	}
	return out, total, sk, nil
}
