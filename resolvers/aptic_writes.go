package resolvers

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The writes to a profile's Aptic customer. Each checks its input before any call to Aptic, then
// runs in one transaction of ours (apticWrite): the profile locked, its Aptic link read, the
// vendor called under the operation's vendor deadline, an audit row written with Aptic's ids (no
// names, addresses, e-mail addresses, IBANs or bodies). An id the caller names is first read
// under the linked customer, so an id of another Aptic customer is NOT_FOUND. Aptic's refusals
// are NOT_FOUND, CONFLICT or UNPROCESSABLE, its failures UPSTREAM_*, all naming the vendor.

// apticWrite runs call for the profile's Aptic customer (its GUID) in a write of ours that
// records the change call reports. A profile without an Aptic link is UNPROCESSABLE.
func (r *Resolver) apticWrite(ctx context.Context, number int, call func(ctx context.Context, cl *aptic.Client, guid string) (change, error)) error {
	cl, err := r.apticClient()
	if err != nil {
		return clientVendorError(err)
	}
	return r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		link, err := q.VendorLink(ctx, c.ID, aptic.Vendor)
		if errors.Is(err, postgres.ErrNotFound) {
			return change{}, graph.NewError(graph.CodeUnprocessable, "The profile is not linked to a customer in Aptic.")
		}
		if err != nil {
			return change{}, err
		}
		vctx, cancel := r.vendorContext(ctx)
		defer cancel()
		ch, err := call(vctx, cl, link.ExternalID)
		if err != nil {
			return change{}, clientVendorError(err)
		}
		ch.id = c.ID
		if d, ok := ch.detail.(map[string]any); ok {
			d["vendor"] = aptic.Vendor
			d["customerGuid"] = link.ExternalID
		}
		return ch, nil
	})
}

// --- the customer

// apticLanguages are ISO 639-1 codes of our language ids (migration 00001: 1 Nederlands, 2 English).
var apticLanguages = map[int32]string{1: "nl", 2: "en"}

func (r *Resolver) createApticCustomer(ctx context.Context, number int) (*graph.ApticCustomerPayload, error) {
	cl, err := r.apticClient()
	if err != nil {
		return nil, clientVendorError(err)
	}
	var guid string
	err = r.write(ctx, number, func(q *postgres.Queries, c *postgres.CustomerProfile) (change, error) {
		if _, err := q.VendorLink(ctx, c.ID, aptic.Vendor); err == nil {
			return change{}, graph.NewError(graph.CodeConflict, "The profile is linked to a customer in Aptic already.")
		} else if !errors.Is(err, postgres.ErrNotFound) {
			return change{}, err
		}
		in, err := newApticCustomer(ctx, q, c.ID)
		if err != nil {
			return change{}, err
		}
		vctx, cancel := r.vendorContext(ctx)
		defer cancel()
		// A customer Aptic made for this profile before (a commit of ours lost after Aptic's) is
		// taken, not made twice: customerReference is our customer number.
		found, err := apticCustomerByReference(vctx, cl, *in.CustomerReference)
		if err != nil {
			return change{}, clientVendorError(err)
		}
		action := "link"
		if found != "" {
			guid = found
		} else {
			res, err := cl.CreateCustomerWithResponse(vctx, in)
			if err := apticCheck(res, err, func() bool { return res.JSON200 != nil && res.JSON200.CustomerGUID != nil }); err != nil {
				return change{}, clientVendorError(err)
			}
			guid, action = *res.JSON200.CustomerGUID, "insert"
		}
		if owner, err := q.VendorLinkOwner(ctx, postgres.VendorLinkOwnerParams{Vendor: aptic.Vendor, ExternalID: guid}); err == nil && owner != c.ID {
			return change{}, graph.NewError(graph.CodeConflict, "This customer of the aptic system is linked to another profile.")
		} else if err != nil && !errors.Is(err, postgres.ErrNotFound) {
			return change{}, err
		}
		if _, err := q.UpsertVendorLink(ctx, postgres.UpsertVendorLinkParams{CustomerProfileID: c.ID, Vendor: aptic.Vendor,
			ExternalID: guid}); err != nil {
			return change{}, err
		}
		return change{action: "insert", entity: "apticCustomer", id: c.ID, detail: map[string]any{"vendor": aptic.Vendor,
			"customerGuid": guid, "apticAction": action}}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.apticCustomerPayload(ctx, number, guid)
}

// apticCustomerByReference is the GUID of Aptic's customer whose customerReference is ref, "" when
// there is none.
func apticCustomerByReference(ctx context.Context, cl *aptic.Client, ref string) (string, error) {
	filter, top := "customerReference eq "+odataQuote(ref), int32(1)
	res, err := cl.GetCustomersWithResponse(ctx, &aptic.GetCustomersParams{Filter: &filter, Top: &top})
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
		return "", err
	}
	for _, c := range valueOf(res.JSON200.Value) {
		if c.CustomerGUID != nil && valueOf(c.CustomerReference) == ref {
			return *c.CustomerGUID, nil
		}
	}
	return "", nil
}

// newApticCustomer is the profile as Aptic's new customer (notes B(d)): customerReference = the
// customer number; birthname, prefix (tussenvoegsel → middlename), surname, suffix; e-mail;
// phones by type (Home, Mobile, Work; the preferred one of a type first); the main address (the
// preferred Billing address, else the preferred, else the first); date of birth at midnight UTC;
// language as ISO 639-1; a person (juridicalType 0), in EUR.
func newApticCustomer(ctx context.Context, q *postgres.Queries, profileID int64) (aptic.NewCustomer, error) {
	views, err := q.CustomersByIDs(ctx, []int64{profileID})
	if err != nil {
		return aptic.NewCustomer{}, err
	}
	if len(views) == 0 {
		return aptic.NewCustomer{}, graph.NotFound()
	}
	p := views[0]
	if strings.TrimSpace(valueOf(p.Surname)) == "" {
		return aptic.NewCustomer{}, graph.NewError(graph.CodeUnprocessable, "The profile has no surname, which Aptic needs.")
	}
	ref, person, eur := strconv.FormatInt(p.CustomerNumber, 10), aptic.JuridicalTypeN0, "EUR"
	in := aptic.NewCustomer{CustomerReference: &ref, JuridicalType: &person, CurrencyCode: &eur,
		Firstname: nonBlank(p.Birthname), Middlename: nonBlank(p.Prefix), Lastname: nonBlank(p.Surname),
		NameSuffix: nonBlank(p.Suffix), Email: nonBlank(p.EmailAddress)}
	if in.Firstname == nil {
		// Aptic wants a full name or a first and a last name.
		in.FullName = in.Lastname
		if in.Middlename != nil {
			full := *in.Middlename + " " + *in.Lastname
			in.FullName = &full
		}
	}
	if p.DateOfBirth != nil {
		d := time.Date(p.DateOfBirth.Year(), p.DateOfBirth.Month(), p.DateOfBirth.Day(), 0, 0, 0, 0, time.UTC)
		in.DateOfBirth = &d
	}
	if p.LanguageID != nil {
		if code, ok := apticLanguages[*p.LanguageID]; ok {
			in.LanguageCode = &code
		}
	}
	phones, err := q.PhonesByCustomers(ctx, []int64{profileID})
	if err != nil {
		return aptic.NewCustomer{}, err
	}
	slices.SortStableFunc(phones, func(a, b postgres.PhoneView) int { return boolOrder(b.IsPreferred) - boolOrder(a.IsPreferred) })
	for _, ph := range phones {
		var slot **string
		switch ph.PhoneTypeID {
		case 1:
			slot = &in.HomePhone
		case 2:
			slot = &in.CellularPhone
		case 3:
			slot = &in.WorkPhone
		default:
			continue
		}
		if *slot == nil {
			n := internationalPhone(ph.CountryCode, ph.Number)
			*slot = &n
		}
	}
	addresses, err := q.AddressesByCustomers(ctx, []int64{profileID})
	if err != nil {
		return aptic.NewCustomer{}, err
	}
	if a, ok := mainAddress(addresses); ok {
		no := strconv.Itoa(int(a.HouseNumber))
		in.Street, in.HouseNo, in.HouseNoExtension = &a.Street, &no, nonBlank(a.HouseNumberSuffix)
		in.ZipCode, in.City, in.CountryCode = &a.PostalCode, &a.City, &a.Country
	}
	return in, nil
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// mainAddress is the address Aptic gets as the customer's main one: the preferred Billing
// address, else any Billing address, else the preferred one, else the first.
func mainAddress(as []postgres.AddressView) (postgres.AddressView, bool) {
	score := func(a postgres.AddressView) int {
		s := 0
		if a.AddressTypeID == 1 {
			s += 2
		}
		if a.IsPreferred {
			s++
		}
		return s
	}
	best, found := postgres.AddressView{}, false
	for _, a := range as {
		if !found || score(a) > score(best) {
			best, found = a, true
		}
	}
	return best, found
}

// internationalPhone writes our phone (country code "0031", number "0688220482") as +31688220482.
func internationalPhone(country, number string) string {
	cc := strings.TrimLeft(strings.TrimPrefix(strings.TrimSpace(country), "+"), "0")
	n := strings.TrimLeft(strings.ReplaceAll(number, " ", ""), "0")
	if cc == "" {
		return number
	}
	return "+" + cc + n
}

func nonBlank(s *string) *string {
	if s == nil || strings.TrimSpace(*s) == "" {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}

// apticChannels are Aptic's predefined channels (letter case counts).
var apticChannels = []string{"LETTER", "E-INVOICE", "EMAIL", "SMS"}

var (
	apticLanguageCode = regexp.MustCompile(`^[a-z]{2}$`)
	apticCurrencyCode = regexp.MustCompile(`^[A-Z]{3}$`)
	apticCountryCode  = regexp.MustCompile(`^[A-Z]{2}$`)
)

func checkPattern(field string, v *string, re *regexp.Regexp, what string) error {
	if v != nil && !re.MatchString(*v) {
		return graph.InputError(field, fmt.Sprintf("%s must be %s", field, what))
	}
	return nil
}

func checkChannel(field string, v *string) error {
	if v != nil && !slices.Contains(apticChannels, *v) {
		return graph.InputError(field, field+" must be one of "+strings.Join(apticChannels, ", "))
	}
	return nil
}

func (r *Resolver) updateApticCustomer(ctx context.Context, number int, in graph.ApticCustomerPatchInput) (*graph.ApticCustomerPayload, error) {
	body := aptic.UpdateCustomer{Firstname: in.Firstname, Middlename: in.Middlename, Lastname: in.Lastname,
		NameSuffix: in.NameSuffix, Email: in.Email, HomePhone: in.HomePhone, WorkPhone: in.WorkPhone,
		CellularPhone: in.CellularPhone, LanguageCode: in.LanguageCode, CurrencyCode: in.CurrencyCode,
		PreferredChannel: in.PreferredChannel, InvoiceChannel: in.InvoiceChannel}
	if in.DateOfBirth != nil {
		d := in.DateOfBirth.UTC()
		body.DateOfBirth = &d
	}
	if body == (aptic.UpdateCustomer{}) {
		return nil, graph.InputError("input", "input changes nothing: give at least one field")
	}
	if in.Email != nil {
		if err := checkEmail(*in.Email); err != nil {
			return nil, graph.InputError("input.email", "email is not an e-mail address")
		}
	}
	for _, c := range []struct {
		field string
		v     *string
	}{{"input.firstname", in.Firstname}, {"input.lastname", in.Lastname}} {
		if c.v != nil && strings.TrimSpace(*c.v) == "" {
			return nil, graph.InputError(c.field, c.field+" must not be blank")
		}
	}
	if err := errors.Join(checkPattern("input.languageCode", in.LanguageCode, apticLanguageCode, "an ISO 639-1 code such as nl"),
		checkPattern("input.currencyCode", in.CurrencyCode, apticCurrencyCode, "an ISO 4217 code such as EUR"),
		checkChannel("input.preferredChannel", in.PreferredChannel), checkChannel("input.invoiceChannel", in.InvoiceChannel)); err != nil {
		return nil, firstError(err)
	}
	var guid string
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, g string) (change, error) {
		guid = g
		res, err := cl.UpdateCustomerWithResponse(ctx, g, body)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		return change{action: "update", entity: "apticCustomer", detail: map[string]any{"fields": setFields(body)}}, nil
	})
	if err != nil {
		return nil, err
	}
	return r.apticCustomerPayload(ctx, number, guid)
}

// firstError is the first of joined errors (each input error stands alone).
func firstError(err error) error {
	if j, ok := err.(interface{ Unwrap() []error }); ok && len(j.Unwrap()) > 0 {
		return j.Unwrap()[0]
	}
	return err
}

// setFields names the fields a patch sets, for the audit row (never their values).
func setFields(b aptic.UpdateCustomer) []string {
	var out []string
	add := func(name string, set bool) {
		if set {
			out = append(out, name)
		}
	}
	add("firstname", b.Firstname != nil)
	add("middlename", b.Middlename != nil)
	add("lastname", b.Lastname != nil)
	add("nameSuffix", b.NameSuffix != nil)
	add("email", b.Email != nil)
	add("homePhone", b.HomePhone != nil)
	add("workPhone", b.WorkPhone != nil)
	add("cellularPhone", b.CellularPhone != nil)
	add("dateOfBirth", b.DateOfBirth != nil)
	add("languageCode", b.LanguageCode != nil)
	add("currencyCode", b.CurrencyCode != nil)
	add("preferredChannel", b.PreferredChannel != nil)
	add("invoiceChannel", b.InvoiceChannel != nil)
	return out
}

func (r *Resolver) apticCustomerPayload(ctx context.Context, number int, guid string) (*graph.ApticCustomerPayload, error) {
	c, err := r.customer(ctx, number)
	if err != nil {
		return nil, err
	}
	return &graph.ApticCustomerPayload{CustomerNumber: number, CustomerGUID: guid, Customer: c}, nil
}

// --- addresses

func apticAddressBody(in graph.ApticAddressInput) (aptic.AddressDetails, error) {
	if err := checkPattern("input.countryCode", in.CountryCode, apticCountryCode, "an ISO 3166-1 alpha-2 code such as NL"); err != nil {
		return aptic.AddressDetails{}, err
	}
	if in.ValidFrom != nil && in.ValidTo != nil && in.ValidTo.Before(in.ValidFrom.Time) {
		return aptic.AddressDetails{}, graph.InputError("input.validTo", "validTo must not be before validFrom")
	}
	if in.AddressType != nil && strings.TrimSpace(*in.AddressType) == "" {
		return aptic.AddressDetails{}, graph.InputError("input.addressType", "addressType must not be blank")
	}
	t := func(d *graph.DateTime) *time.Time {
		if d == nil {
			return nil
		}
		v := d.Time
		return &v
	}
	return aptic.AddressDetails{AddressType: in.AddressType, FullName: in.FullName, Street: in.Street, HouseNo: in.HouseNo,
		HouseNoExtension: in.HouseNoExtension, City: in.City, ZipCode: in.ZipCode, StateCode: in.StateCode,
		CountryCode: in.CountryCode, AddressNotValidDate: t(in.AddressNotValidDate), DefaultAddress: in.DefaultAddress,
		ValidFrom: t(in.ValidFrom), ValidTo: t(in.ValidTo)}, nil
}

func (r *Resolver) createApticAddress(ctx context.Context, number int, in graph.ApticAddressInput) (*graph.ApticAddressPayload, error) {
	body, err := apticAddressBody(in)
	if err != nil {
		return nil, err
	}
	if in.Street == nil && in.City == nil && in.ZipCode == nil {
		return nil, graph.InputError("input.street", "an address needs at least a street, a zip code or a city")
	}
	out := &graph.ApticAddressPayload{CustomerNumber: number}
	err = r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		res, err := cl.CreateCustomerAddressWithResponse(ctx, guid, aptic.NewAddress(body))
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil && res.JSON200.AddressGUID != nil }); err != nil {
			return change{}, err
		}
		out.Address = toGraphApticAddress(*res.JSON200)
		out.AddressGUID = out.Address.AddressGUID
		return change{action: "insert", entity: "apticAddress", detail: map[string]any{"addressGuid": out.AddressGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// apticAddress reads an address of the customer: NOT_FOUND (Aptic's 404) when it is not one of its.
func apticAddress(ctx context.Context, cl *aptic.Client, guid, addressGUID string) (aptic.Address, error) {
	res, err := cl.GetCustomerAddressWithResponse(ctx, guid, addressGUID)
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
		return aptic.Address{}, err
	}
	return *res.JSON200, nil
}

func (r *Resolver) updateApticAddress(ctx context.Context, number int, addressGUID string, in graph.ApticAddressInput) (*graph.ApticAddressPayload, error) {
	body, err := apticAddressBody(in)
	if err != nil {
		return nil, err
	}
	if body == (aptic.AddressDetails{}) {
		return nil, graph.InputError("input", "input changes nothing: give at least one field")
	}
	out := &graph.ApticAddressPayload{CustomerNumber: number, AddressGUID: addressGUID}
	err = r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if _, err := apticAddress(ctx, cl, guid, addressGUID); err != nil {
			return change{}, err
		}
		res, err := cl.UpdateCustomerAddressWithResponse(ctx, guid, addressGUID, body)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		a, err := apticAddress(ctx, cl, guid, addressGUID)
		if err != nil {
			return change{}, err
		}
		out.Address = toGraphApticAddress(a)
		return change{action: "update", entity: "apticAddress", detail: map[string]any{"addressGuid": addressGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Resolver) deleteApticAddress(ctx context.Context, number int, addressGUID string) (*graph.ApticAddressPayload, error) {
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if _, err := apticAddress(ctx, cl, guid, addressGUID); err != nil {
			return change{}, err
		}
		res, err := cl.DeleteCustomerAddressWithResponse(ctx, guid, addressGUID)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		return change{action: "delete", entity: "apticAddress", detail: map[string]any{"addressGuid": addressGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &graph.ApticAddressPayload{CustomerNumber: number, AddressGUID: addressGUID}, nil
}

// --- extra fields

// maxApticValues bounds the values of one extra field.
const maxApticValues = 50

func checkApticValues(field string, values []string) error {
	if len(values) > maxApticValues {
		return graph.InputError(field, fmt.Sprintf("%s has more than %d values", field, maxApticValues))
	}
	for _, v := range values {
		if utf8.RuneCountInString(v) > 500 {
			return graph.InputError(field, field+": a value is longer than 500 characters")
		}
	}
	return nil
}

func (r *Resolver) createApticExtraField(ctx context.Context, number int, in graph.ApticExtraFieldInput) (*graph.ApticExtraFieldPayload, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return nil, graph.InputError("input.name", "name must not be blank")
	}
	if err := checkApticValues("input.value", in.Value); err != nil {
		return nil, err
	}
	out := &graph.ApticExtraFieldPayload{CustomerNumber: number, Name: name}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		values := slices.Clone(in.Value)
		res, err := cl.CreateCustomerExtraFieldWithResponse(ctx, guid, aptic.ExtraField{Name: &name, Value: &values})
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		out.ExtraField = &graph.ApticExtraField{Name: name, Value: values}
		return change{action: "insert", entity: "apticExtraField", detail: map[string]any{"name": name}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func apticExtraField(ctx context.Context, cl *aptic.Client, guid, name string) error {
	res, err := cl.GetCustomerExtraFieldWithResponse(ctx, guid, name)
	return apticCheck(res, err, func() bool { return res.JSON200 != nil })
}

func (r *Resolver) updateApticExtraField(ctx context.Context, number int, name string, value []string) (*graph.ApticExtraFieldPayload, error) {
	if err := checkApticValues("value", value); err != nil {
		return nil, err
	}
	out := &graph.ApticExtraFieldPayload{CustomerNumber: number, Name: name}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if err := apticExtraField(ctx, cl, guid, name); err != nil {
			return change{}, err
		}
		values := slices.Clone(value)
		res, err := cl.UpdateCustomerExtraFieldWithResponse(ctx, guid, name, aptic.ExtraFieldValue{Value: &values})
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		out.ExtraField = &graph.ApticExtraField{Name: name, Value: values}
		return change{action: "update", entity: "apticExtraField", detail: map[string]any{"name": name}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Resolver) deleteApticExtraField(ctx context.Context, number int, name string) (*graph.ApticExtraFieldPayload, error) {
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if err := apticExtraField(ctx, cl, guid, name); err != nil {
			return change{}, err
		}
		res, err := cl.DeleteCustomerExtraFieldWithResponse(ctx, guid, name)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		return change{action: "delete", entity: "apticExtraField", detail: map[string]any{"name": name}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &graph.ApticExtraFieldPayload{CustomerNumber: number, Name: name}, nil
}

// --- party parameters

// maxApticParameters bounds one setApticPartyParameters.
const maxApticParameters = 20

func (r *Resolver) setApticPartyParameters(ctx context.Context, number int, params []*graph.ApticPartyParameterInput) (*graph.ApticPartyParametersPayload, error) {
	if len(params) == 0 || len(params) > maxApticParameters {
		return nil, graph.InputError("parameters", fmt.Sprintf("give 1 to %d parameters", maxApticParameters))
	}
	seen := map[string]bool{}
	for i, p := range params {
		name := strings.TrimSpace(p.Name)
		field := fmt.Sprintf("parameters.%d.name", i)
		if name == "" {
			return nil, graph.InputError(field, "name must not be blank")
		}
		if seen[name] {
			return nil, graph.InputError(field, fmt.Sprintf("parameter %q is named twice", name))
		}
		seen[name] = true
		p.Name = name
	}
	out := &graph.ApticPartyParametersPayload{CustomerNumber: number}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		existing, err := fetchApticPartyParameters(ctx, cl, apticListKey{guid: guid, top: maxApticPage})
		if err != nil {
			return change{}, err
		}
		has := map[string]bool{}
		for _, p := range existing.value {
			has[valueOf(p.Name)] = true
		}
		var added, changed []string
		var fresh []aptic.PartyParameter
		for _, p := range params {
			body := aptic.PartyParameter{Name: &p.Name, Type: p.Type, Value: p.Value}
			if !has[p.Name] {
				fresh = append(fresh, body)
				added = append(added, p.Name)
				continue
			}
			res, err := cl.UpdateCustomerPartyParameterWithResponse(ctx, guid, p.Name, []aptic.PartyParameter{body})
			if err := apticCheck(res, err, nil); err != nil {
				return change{}, err
			}
			changed = append(changed, p.Name)
		}
		if len(fresh) > 0 {
			res, err := cl.CreateCustomerPartyParametersWithResponse(ctx, guid, fresh)
			if err := apticCheck(res, err, nil); err != nil {
				return change{}, err
			}
		}
		after, err := fetchApticPartyParameters(ctx, cl, apticListKey{guid: guid, top: maxApticPage})
		if err != nil {
			return change{}, err
		}
		for _, p := range after.value {
			if seen[valueOf(p.Name)] {
				out.Parameters = append(out.Parameters, toGraphApticPartyParameter(p))
			}
		}
		return change{action: "update", entity: "apticPartyParameters", detail: map[string]any{"added": added, "changed": changed}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// --- direct-debit mandates

// apticMandateTypes are Aptic's mandate types (there is no 6); apticSEPATypes take IBANs.
var (
	apticMandateTypes = []int{1, 2, 3, 4, 5, 7}
	apticSEPATypes    = []int{2, 3, 4, 5, 7}
)

// apticAccountClass is Aptic's class of an IBAN: 3 Dutch, 4 foreign.
func apticAccountClass(iban string) int32 {
	if strings.HasPrefix(iban, "NL") {
		return 3
	}
	return 4
}

func (r *Resolver) createApticDirectDebitMandate(ctx context.Context, number int, in graph.ApticDirectDebitMandateInput) (*graph.ApticDirectDebitMandatePayload, error) {
	if !slices.Contains(apticMandateTypes, in.DirectDebitMandateType) {
		return nil, graph.InputError("input.directDebitMandateType", "directDebitMandateType must be one of 1, 2, 3, 4, 5, 7")
	}
	body := aptic.NewDirectDebitMandate{DirectDebitMandateType: int32(in.DirectDebitMandateType),
		ReceivingBankAccountNo: strings.TrimSpace(in.ReceivingBankAccountNo), ReferenceNo: nonBlank(in.ReferenceNo)}
	if body.ReceivingBankAccountNo == "" {
		return nil, graph.InputError("input.receivingBankAccountNo", "receivingBankAccountNo is required")
	}
	sepa := slices.Contains(apticSEPATypes, in.DirectDebitMandateType)
	if sepa {
		iban, err := normalizeIBAN(body.ReceivingBankAccountNo)
		if err != nil {
			return nil, graph.InputError("input.receivingBankAccountNo", "receivingBankAccountNo is not an IBAN")
		}
		body.ReceivingBankAccountNo = iban
	}
	if s := nonBlank(in.SendingBankAccountNo); s != nil {
		body.SendingBankAccountNo = s
		if sepa {
			iban, err := normalizeIBAN(*s)
			if err != nil {
				return nil, graph.InputError("input.sendingBankAccountNo", "sendingBankAccountNo is not an IBAN")
			}
			class := apticAccountClass(iban)
			body.SendingBankAccountNo, body.SendingBankAccountClass = &iban, &class
		}
	}
	if in.Validfrom != nil && in.Validuntil != nil && in.Validuntil.Before(in.Validfrom.Time) {
		return nil, graph.InputError("input.validuntil", "validuntil must not be before validfrom")
	}
	for _, x := range []struct {
		dst **time.Time
		src *graph.DateTime
	}{{&body.SignedDate, in.SignedDate}, {&body.Validfrom, in.Validfrom}, {&body.Validuntil, in.Validuntil}} {
		if x.src != nil {
			t := x.src.Time
			*x.dst = &t
		}
	}
	out := &graph.ApticDirectDebitMandatePayload{CustomerNumber: number}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		res, err := cl.CreateCustomerDirectDebitMandateWithResponse(ctx, guid, body)
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil && res.JSON200.MandateGUID != nil }); err != nil {
			return change{}, err
		}
		out.DirectDebitMandate = toGraphApticMandate(*res.JSON200)
		return change{action: "insert", entity: "apticDirectDebitMandate", detail: map[string]any{
			"mandateGuid": out.DirectDebitMandate.MandateGUID, "directDebitMandateType": in.DirectDebitMandateType}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// --- credit insurances

func checkAmounts(fields map[string]*float64) error {
	for _, name := range []string{"input.amount", "input.extraLimitAmount"} {
		if v := fields[name]; v != nil && *v < 0 {
			return graph.InputError(name, name+" must not be negative")
		}
	}
	return nil
}

func toTimePtr(d *graph.DateTime) *time.Time {
	if d == nil {
		return nil
	}
	t := d.Time
	return &t
}

func toInt32Ptr(v *int) *int32 {
	if v == nil {
		return nil
	}
	n := int32(*v)
	return &n
}

func (r *Resolver) createApticCreditInsurance(ctx context.Context, number int, in graph.ApticCreditInsuranceInput) (*graph.ApticCreditInsurancePayload, error) {
	code := strings.TrimSpace(in.InsuranceCompanyReferenceCode)
	if code == "" {
		return nil, graph.InputError("input.insuranceCompanyReferenceCode", "insuranceCompanyReferenceCode must not be blank")
	}
	if err := errors.Join(checkAmounts(map[string]*float64{"input.amount": in.Amount, "input.extraLimitAmount": in.ExtraLimitAmount}),
		checkPattern("input.currencyCode", in.CurrencyCode, apticCurrencyCode, "an ISO 4217 code such as EUR")); err != nil {
		return nil, firstError(err)
	}
	body := aptic.NewCreditInsurance{InsuranceCompanyReferenceCode: &code, InsuranceCompanyNumber: in.InsuranceCompanyNumber,
		InsuranceCompanyCustomerNumber: in.InsuranceCompanyCustomerNumber, Note: in.Note, EndDate: toTimePtr(in.EndDate),
		CurrencyCode: in.CurrencyCode, Amount: in.Amount, ExtraLimitAmount: in.ExtraLimitAmount,
		ExtraLimitEndDate: toTimePtr(in.ExtraLimitEndDate), PaymentTerm: toInt32Ptr(in.PaymentTerm), GraceDays: toInt32Ptr(in.GraceDays)}
	out := &graph.ApticCreditInsurancePayload{CustomerNumber: number}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		res, err := cl.CreateCustomerCreditInsuranceWithResponse(ctx, guid, body)
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil && res.JSON200.InsuranceGUID != nil }); err != nil {
			return change{}, err
		}
		out.CreditInsurance = toGraphApticInsurance(*res.JSON200)
		out.InsuranceGUID = out.CreditInsurance.InsuranceGUID
		return change{action: "insert", entity: "apticCreditInsurance", detail: map[string]any{"insuranceGuid": out.InsuranceGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func apticInsurance(ctx context.Context, cl *aptic.Client, guid, insuranceGUID string) (aptic.CreditInsurance, error) {
	res, err := cl.GetCustomerCreditInsuranceWithResponse(ctx, guid, insuranceGUID)
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
		return aptic.CreditInsurance{}, err
	}
	return *res.JSON200, nil
}

func (r *Resolver) updateApticCreditInsurance(ctx context.Context, number int, insuranceGUID string, in graph.ApticCreditInsurancePatchInput) (*graph.ApticCreditInsurancePayload, error) {
	if err := errors.Join(checkAmounts(map[string]*float64{"input.amount": in.Amount, "input.extraLimitAmount": in.ExtraLimitAmount}),
		checkPattern("input.currencyCode", in.CurrencyCode, apticCurrencyCode, "an ISO 4217 code such as EUR")); err != nil {
		return nil, firstError(err)
	}
	body := aptic.CreditInsuranceUpdate{InsuranceCompanyNumber: in.InsuranceCompanyNumber,
		InsuranceCompanyCustomerNumber: in.InsuranceCompanyCustomerNumber, Note: in.Note, EndDate: toTimePtr(in.EndDate),
		CurrencyCode: in.CurrencyCode, Amount: in.Amount, ExtraLimitAmount: in.ExtraLimitAmount,
		ExtraLimitEndDate: toTimePtr(in.ExtraLimitEndDate), PaymentTerm: toInt32Ptr(in.PaymentTerm), GraceDays: toInt32Ptr(in.GraceDays)}
	if body == (aptic.CreditInsuranceUpdate{}) {
		return nil, graph.InputError("input", "input changes nothing: give at least one field")
	}
	out := &graph.ApticCreditInsurancePayload{CustomerNumber: number, InsuranceGUID: insuranceGUID}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if _, err := apticInsurance(ctx, cl, guid, insuranceGUID); err != nil {
			return change{}, err
		}
		res, err := cl.UpdateCustomerCreditInsuranceWithResponse(ctx, guid, insuranceGUID, body)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		x, err := apticInsurance(ctx, cl, guid, insuranceGUID)
		if err != nil {
			return change{}, err
		}
		out.CreditInsurance = toGraphApticInsurance(x)
		return change{action: "update", entity: "apticCreditInsurance", detail: map[string]any{"insuranceGuid": insuranceGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (r *Resolver) deleteApticCreditInsurance(ctx context.Context, number int, insuranceGUID string) (*graph.ApticCreditInsurancePayload, error) {
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		if _, err := apticInsurance(ctx, cl, guid, insuranceGUID); err != nil {
			return change{}, err
		}
		res, err := cl.DeleteCustomerCreditInsuranceWithResponse(ctx, guid, insuranceGUID)
		if err := apticCheck(res, err, nil); err != nil {
			return change{}, err
		}
		return change{action: "delete", entity: "apticCreditInsurance", detail: map[string]any{"insuranceGuid": insuranceGUID}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &graph.ApticCreditInsurancePayload{CustomerNumber: number, InsuranceGUID: insuranceGUID}, nil
}

// --- actions

func (r *Resolver) respondToApticAction(ctx context.Context, number int, actionGUID string, in graph.ApticActionResponseInput) (*graph.ApticActionPayload, error) {
	response := strings.TrimSpace(in.Response)
	if response == "" {
		return nil, graph.InputError("input.response", "response must not be blank")
	}
	if in.PostponeTo != nil && !in.PostponeTo.After(time.Now()) {
		return nil, graph.InputError("input.postponeTo", "postponeTo must lie in the future")
	}
	err := r.apticWrite(ctx, number, func(ctx context.Context, cl *aptic.Client, guid string) (change, error) {
		res, err := cl.GetCustomerActionWithResponse(ctx, guid, actionGUID)
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
			return change{}, err
		}
		act := res.JSON200
		if allowed := valueOf(act.Responses); !slices.Contains(allowed, response) {
			return change{}, graph.InputError("input.response", "response must be one of the action's responses: "+strings.Join(allowed, ", "))
		}
		if in.PostponeTo != nil && !valueOf(act.AllowPostpone) {
			return change{}, graph.InputError("input.postponeTo", "this action cannot be postponed")
		}
		body := aptic.ActionResponse{Response: &response, Note: in.Note, PostponeTo: toTimePtr(in.PostponeTo)}
		ans, err := cl.RespondToCustomerActionWithResponse(ctx, guid, actionGUID, body)
		if err := apticCheck(ans, err, nil); err != nil {
			return change{}, err
		}
		return change{action: "update", entity: "apticAction", detail: map[string]any{"actionGuid": actionGUID,
			"response": response, "postponed": in.PostponeTo != nil}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &graph.ApticActionPayload{CustomerNumber: number, ActionGUID: actionGUID, Response: response}, nil
}
