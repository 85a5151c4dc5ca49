package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"ovgraph/graph"
	"ovgraph/resolvers"
)

// The SE token operations against the seeded GBO cards (adapters/postgres/seed/gbo.sql).

const (
	contractEMVXTat = "32089cc8-d187-47ff-a3a9-5c2558def811"
	contractSRID    = "NLOV1234567ABCDEFG"
	namedPAD        = "c0000000-0000-4000-8000-000000000001"
	namedMarkedPAD  = "c0000000-0000-4000-8000-000000000002"
	namedPurse      = "c0000000-0000-4000-8000-000000000003"
	namedExpired    = "c0000000-0000-4000-8000-000000000004"
	namedChild      = "c0000000-0000-4000-8000-000000000005"
	namedOvpas      = "c0000000-0000-4000-8000-000000000006"
)

func staffOn(profile int) graph.Caller {
	return graph.Caller{Application: "staff-portal", StaffRole: resolvers.StaffRoles[0], StaffProfileID: int64(profile)}
}

// seProfile creates a customer and returns its number and profile key.
func (e *env) seProfile(email string) (number, profile int) {
	e.t.Helper()
	number = e.newCustomer(email)
	var out struct {
		Customer struct{ CustomerProfileID int }
	}
	e.ok(touchpoint, `query($n: Int!) { customer(customerNumber: $n) { customerProfileId } }`, map[string]any{"n": number}, &out)
	return number, out.Customer.CustomerProfileID
}

// tokenState is a digest of every token row and product instance, and the length of the audit
// trail: a refused write leaves it as it was.
func (e *env) tokenState(t *testing.T) string {
	t.Helper()
	var s string
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT
	  (SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t.id)), '') FROM ovpay_token t) || ' ' ||
	  (SELECT coalesce(md5(string_agg(p::text, '|' ORDER BY p.id)), '') FROM product_instance p) || ' ' ||
	  (SELECT count(*) FROM audit_trail)::text || ' ' ||
	  (SELECT coalesce(md5(string_agg(g::text, '|' ORDER BY g.x_tat)), '') FROM gbo_card g)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// addProduct puts a product instance on a token, as a fulfilled order would.
func (e *env) addProduct(t *testing.T, tokenID int, status, template string) int {
	t.Helper()
	var id int
	if err := e.store.Pool().QueryRow(t.Context(), `INSERT INTO product_instance (ovpay_token_id, product_id, name, status,
	    is_renewable, product_category_id, package_template_id, from_inclusive, until_inclusive, order_id, order_line_id, contract_id)
	  VALUES ($1, 10, 'HTM 90% Korting', $2, true, 1, $3, '2025-01-01T00:00:00+01:00',
	    CASE WHEN $2 = 'Active' THEN NULL ELSE '2025-06-01T00:00:00+02:00'::timestamptz END,
	    gen_random_uuid(), gen_random_uuid(), gen_random_uuid())
	  RETURNING id`, tokenID, status, template).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

const registerDoc = `mutation($p: Int, $in: RegisterOvPayTokenInput!) { registerOvPayToken(customerProfileId: $p, input: $in) {
  customerNumber ovPayTokenId ovPayToken { customerProfileId ovPayTokenId tokenTypeId tokenStatusId xTat xBot alias lastDigits
    ovpasNumber expirationDate ePurse { status balance { amount currency } }
    personalAccountData { name { isValidated } birthdate { isValidated } photo { isValidated } } } } }`

type seToken struct {
	CustomerProfileID int
	OvPayTokenID      int
	TokenTypeID       int
	TokenStatusID     int
	XTat, XBot        *string
	Alias             *string
	LastDigits        *string
	OvpasNumber       *string
	ExpirationDate    *string
	ReplacedByTokenID *int
	EPurse            *struct {
		Status  string
		Balance struct {
			Amount   int
			Currency string
		}
	}
	PersonalAccountData *struct{ Name, Birthdate, Photo *struct{ IsValidated bool } }
}

// register adds a card to a profile as staff and returns the token's id.
func (e *env) register(profile int, in map[string]any) int {
	e.t.Helper()
	var out struct{ RegisterOvPayToken struct{ OvPayTokenID int } }
	e.ok(staffOn(profile), registerDoc, map[string]any{"in": in}, &out)
	return out.RegisterOvPayToken.OvPayTokenID
}

// registerXTat adds a card named by xTat (through a V2 replacement would be roundabout): it
// looks the card's way of naming up in the seed.
func (e *env) registerXTat(profile int, xTat string) int {
	e.t.Helper()
	var typ int
	var srid, ovpas, code *string
	var amount *int
	if err := e.store.Pool().QueryRow(context.Background(), `SELECT token_type_id, service_reference_id, amount, ovpas_number,
	  verification_code FROM gbo_card WHERE x_tat = $1`, xTat).Scan(&typ, &srid, &amount, &ovpas, &code); err != nil {
		e.t.Fatal(err)
	}
	in := map[string]any{"tokenTypeId": typ, "alias": "Kaart"}
	if srid != nil {
		in["serviceReferenceId"], in["amount"] = *srid, *amount
	} else {
		in["ovpasNumber"], in["verificationCode"] = *ovpas, *code
	}
	return e.register(profile, in)
}

// refused runs a request that must fail with code (and field, when given) and change nothing.
func (e *env) refused(t *testing.T, caller graph.Caller, query string, vars map[string]any, code, field string) result {
	t.Helper()
	before := e.tokenState(t)
	r := e.do(caller, query, vars)
	if r.code() != code {
		t.Fatalf("code %q, want %q: %+v", r.code(), code, r.Errors)
	}
	if field != "" && r.Errors[0].Extensions["field"] != field {
		t.Errorf("field %v, want %s", r.Errors[0].Extensions["field"], field)
	}
	if after := e.tokenState(t); after != before {
		t.Errorf("a refused request changed the database")
	}
	return r
}

func TestRegisterOvPayToken(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("register@example.nl")
	_, other := e.seProfile("other@example.nl")

	// The contract's EMV card, by service reference and amount: Active, with GBO's xTat and expiry.
	var out struct {
		RegisterOvPayToken struct {
			CustomerNumber int
			OvPayTokenID   int
			OvPayToken     seToken
		}
	}
	e.ok(staffOn(profile), registerDoc, map[string]any{"in": map[string]any{"tokenTypeId": 1,
		"serviceReferenceId": contractSRID, "amount": 200, "alias": "Mijn bankpas"}}, &out)
	got := out.RegisterOvPayToken
	tok := got.OvPayToken
	if got.CustomerNumber != number || tok.CustomerProfileID != profile || tok.TokenStatusID != 2 || tok.TokenTypeID != 1 ||
		deref(tok.XTat) != contractEMVXTat || deref(tok.LastDigits) != "1234" || tok.ExpirationDate == nil ||
		deref(tok.Alias) != "Mijn bankpas" || tok.XBot == nil {
		t.Errorf("registered EMV token %+v", got)
	}
	if tok.PersonalAccountData == nil || tok.PersonalAccountData.Name != nil || tok.EPurse != nil {
		t.Errorf("a fresh EMV card has an empty PAD and no e-purse: %+v", tok)
	}

	// The contract's OV-pas, by number and verification code, as the customer itself.
	e.ok(customer(int64(number)), registerDoc, map[string]any{"in": map[string]any{"tokenTypeId": 2,
		"ovpasNumber": "OV34567", "verificationCode": "211", "alias": "OV-pas"}}, &out)
	tok = out.RegisterOvPayToken.OvPayToken
	if tok.TokenTypeID != 2 || deref(tok.OvpasNumber) != "OV34567" || tok.TokenStatusID != 2 || tok.EPurse == nil ||
		tok.EPurse.Status != "INACTIVE" || tok.EPurse.Balance.Amount != 0 {
		t.Errorf("registered OV-pas %+v", tok)
	}

	in := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return map[string]any{"in": m}
	}
	for name, c := range map[string]struct {
		caller      graph.Caller
		vars        map[string]any
		code, field string
	}{
		"unknown card":                {staffOn(other), in("tokenTypeId", 1, "serviceReferenceId", contractSRID, "amount", 230), "NOT_FOUND", ""},
		"card on another profile":     {staffOn(other), in("tokenTypeId", 1, "serviceReferenceId", contractSRID, "amount", 200), "CONFLICT", ""},
		"card on the profile already": {staffOn(profile), in("tokenTypeId", 2, "ovpasNumber", "OV34567", "verificationCode", "211"), "CONFLICT", ""},
		"wrong verification code":     {staffOn(other), in("tokenTypeId", 2, "ovpasNumber", "OV34567", "verificationCode", "1234"), "NOT_FOUND", ""},
		"type is not the card's":      {staffOn(other), in("tokenTypeId", 3, "ovpasNumber", poolOvpasNumber(7), "verificationCode", "123"), "BAD_USER_INPUT", "tokenTypeId"},
		"amount missing":              {staffOn(other), in("tokenTypeId", 1, "serviceReferenceId", poolEMVSRID(7)), "BAD_USER_INPUT", "amount"},
		"service reference missing":   {staffOn(other), in("tokenTypeId", 1, "amount", 100), "BAD_USER_INPUT", "serviceReferenceId"},
		"verification code missing":   {staffOn(other), in("tokenTypeId", 2, "ovpasNumber", poolOvpasNumber(7)), "BAD_USER_INPUT", "verificationCode"},
		"OV-pas number missing":       {staffOn(other), in("tokenTypeId", 2, "verificationCode", "123"), "BAD_USER_INPUT", "ovpasNumber"},
		"EMV named as an OV-pas":      {staffOn(other), in("tokenTypeId", 1, "ovpasNumber", poolOvpasNumber(7), "verificationCode", "123"), "BAD_USER_INPUT", "serviceReferenceId"},
		"unknown token type":          {staffOn(other), in("tokenTypeId", 9, "serviceReferenceId", poolEMVSRID(7), "amount", 100), "BAD_USER_INPUT", "tokenTypeId"},
		"no profile named":            {touchpoint, in("tokenTypeId", 1, "serviceReferenceId", poolEMVSRID(7), "amount", 100), "BAD_USER_INPUT", "customerProfileId"},
		"customer on another profile": {customer(int64(number)), map[string]any{"p": other, "in": map[string]any{"tokenTypeId": 1,
			"serviceReferenceId": poolEMVSRID(7), "amount": 100}}, "NOT_FOUND", ""},
	} {
		t.Run(name, func(t *testing.T) { e.refused(t, c.caller, registerDoc, c.vars, c.code, c.field) })
	}

	// Removing the token frees its card for another profile.
	e.ok(staffOn(profile), removeDoc, map[string]any{"id": got.OvPayTokenID}, nil)
	e.ok(staffOn(other), registerDoc, in("tokenTypeId", 1, "serviceReferenceId", contractSRID, "amount", 200), &out)
	if out.RegisterOvPayToken.OvPayToken.CustomerProfileID != other {
		t.Errorf("the removed card went to %+v", out.RegisterOvPayToken.OvPayToken)
	}
}

const editDoc = `mutation($p: Int, $id: Int!, $in: EditOvPayTokenInput!) { editOvPayToken(customerProfileId: $p, ovPayTokenId: $id, input: $in) {
  ovPayToken { ovPayTokenId tokenStatusId alias } } }`

func TestEditOvPayToken(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("edit@example.nl")
	otherNumber, other := e.seProfile("other@example.nl")
	id := e.registerXTat(profile, poolEMVXTat(1))
	theirs := e.registerXTat(other, poolEMVXTat(2))

	var out struct {
		EditOvPayToken struct {
			OvPayToken struct {
				TokenStatusID int
				Alias         *string
			}
		}
	}
	e.ok(customer(int64(number)), editDoc, map[string]any{"id": id, "in": map[string]any{"alias": "Mijn verloren pas", "tokenStatusId": 5}}, &out)
	if got := out.EditOvPayToken.OvPayToken; got.TokenStatusID != 5 || deref(got.Alias) != "Mijn verloren pas" {
		t.Errorf("after suspending: %+v", got)
	}
	// A field left out keeps its value; alias null clears it.
	e.ok(staffOn(profile), editDoc, map[string]any{"id": id, "in": map[string]any{"tokenStatusId": 2}}, &out)
	if got := out.EditOvPayToken.OvPayToken; got.TokenStatusID != 2 || deref(got.Alias) != "Mijn verloren pas" {
		t.Errorf("after staff lifted the suspension: %+v", got)
	}
	e.ok(staffOn(profile), editDoc, map[string]any{"id": id, "in": map[string]any{"alias": nil}}, &out)
	if got := out.EditOvPayToken.OvPayToken; got.Alias != nil || got.TokenStatusID != 2 {
		t.Errorf("after clearing the alias: %+v", got)
	}
	// The audit trail has a row per edit.
	var audits int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT count(*) FROM audit_trail WHERE entity = 'ovPayToken' AND entity_id = $1
	  AND action = 'update'`, id).Scan(&audits); err != nil || audits != 3 {
		t.Errorf("audit rows of the edits: %d (%v), want 3", audits, err)
	}
	// An edit that changes nothing writes nothing.
	before := e.tokenState(t)
	e.ok(staffOn(profile), editDoc, map[string]any{"id": id, "in": map[string]any{"alias": nil, "tokenStatusId": 2}}, &out)
	if after := e.tokenState(t); after != before {
		t.Errorf("an edit to the values the token has changed the tables: %s -> %s", before, after)
	}

	for name, c := range map[string]struct {
		caller      graph.Caller
		vars        map[string]any
		code, field string
	}{
		"unknown token":                  {staffOn(profile), map[string]any{"id": 999999, "in": map[string]any{"alias": "x"}}, "NOT_FOUND", ""},
		"another customer's token":       {customer(int64(number)), map[string]any{"id": theirs, "in": map[string]any{"alias": "x"}}, "NOT_FOUND", ""},
		"customer names another profile": {customer(int64(number)), map[string]any{"p": other, "id": theirs, "in": map[string]any{"alias": "x"}}, "NOT_FOUND", ""},
		"status null":                    {staffOn(profile), map[string]any{"id": id, "in": map[string]any{"tokenStatusId": nil}}, "BAD_USER_INPUT", ""},
		"unknown status":                 {staffOn(profile), map[string]any{"id": id, "in": map[string]any{"tokenStatusId": 99}}, "BAD_USER_INPUT", "tokenStatusId"},
		"Replaced without a replacement": {staffOn(profile), map[string]any{"id": id, "in": map[string]any{"tokenStatusId": 3}}, "BAD_USER_INPUT", "tokenStatusId"},
		"alias too long":                 {staffOn(profile), map[string]any{"id": id, "in": map[string]any{"alias": string(make([]byte, 51))}}, "BAD_USER_INPUT", ""},
	} {
		t.Run(name, func(t *testing.T) { e.refused(t, c.caller, editDoc, c.vars, c.code, c.field) })
	}
	_ = otherNumber
}

const removeDoc = `mutation($p: Int, $id: Int!) { removeOvPayToken(customerProfileId: $p, ovPayTokenId: $id) {
  ovPayTokenId ovPayToken { tokenStatusId tokenStatus { name } } } }`

func TestRemoveOvPayToken(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("remove@example.nl")
	id := e.registerXTat(profile, poolOvpasXTat(1))
	var out struct {
		RemoveOvPayToken struct {
			OvPayTokenID int
			OvPayToken   struct {
				TokenStatusID int
				TokenStatus   struct{ Name string }
			}
		}
	}
	e.ok(customer(int64(number)), removeDoc, map[string]any{"id": id}, &out)
	if got := out.RemoveOvPayToken; got.OvPayTokenID != id || got.OvPayToken.TokenStatusID != 6 {
		t.Errorf("removed token %+v", got)
	}
	// The row stays, in the list with its status.
	var list struct {
		CustomerProfile struct {
			OvPayTokens []struct{ OvPayTokenID, TokenStatusID int }
		}
	}
	e.ok(staffOn(profile), `{ customerProfile { ovPayTokens { ovPayTokenId tokenStatusId } } }`, nil, &list)
	if l := list.CustomerProfile.OvPayTokens; len(l) != 1 || l[0].TokenStatusID != 6 {
		t.Errorf("tokens after removal: %+v", l)
	}
	// Removing it again changes nothing and answers the token as it is.
	before := e.tokenState(t)
	e.ok(customer(int64(number)), removeDoc, map[string]any{"id": id}, &out)
	if out.RemoveOvPayToken.OvPayToken.TokenStatusID != 6 || e.tokenState(t) != before {
		t.Errorf("a second removal changed something: %+v", out.RemoveOvPayToken)
	}
	e.refused(t, customer(int64(number)), removeDoc, map[string]any{"id": 999999}, "NOT_FOUND", "")
}

const replaceDoc = `mutation($p: Int, $id: Int!, $in: ReplaceOvPayTokenInput!) { replaceOvPayToken(customerProfileId: $p, ovPayTokenId: $id, input: $in) {
  customerProfileId created
  replacedOvPayToken { ovPayTokenId tokenStatusId replacedByTokenId productInstances { productInstanceId } }
  ovPayToken { ovPayTokenId tokenStatusId tokenTypeId xTat alias replacedByTokenId
    replaces { ovPayTokenId } productInstances { productInstanceId status } } } }`

type replaceOut struct {
	ReplaceOvPayToken struct {
		CustomerProfileID  int
		Created            bool
		ReplacedOvPayToken struct {
			OvPayTokenID, TokenStatusID int
			ReplacedByTokenID           *int
			ProductInstances            []struct{ ProductInstanceID int }
		}
		OvPayToken struct {
			OvPayTokenID, TokenStatusID, TokenTypeID int
			XTat, Alias                              *string
			ReplacedByTokenID                        *int
			Replaces                                 []struct{ OvPayTokenID int }
			ProductInstances                         []struct {
				ProductInstanceID int
				Status            string
			}
		}
	}
}

func TestReplaceOvPayToken(t *testing.T) {
	e := newEnv(t)
	number, profile := e.seProfile("replace@example.nl")
	_, other := e.seProfile("other@example.nl")
	theirs := e.registerXTat(other, poolEMVXTat(50))

	check := func(t *testing.T, o replaceOut, oldID int, created bool) int {
		t.Helper()
		r := o.ReplaceOvPayToken
		if r.Created != created || r.CustomerProfileID != profile || r.ReplacedOvPayToken.OvPayTokenID != oldID ||
			r.ReplacedOvPayToken.TokenStatusID != 3 || r.ReplacedOvPayToken.ReplacedByTokenID == nil ||
			*r.ReplacedOvPayToken.ReplacedByTokenID != r.OvPayToken.OvPayTokenID || r.OvPayToken.TokenStatusID != 2 ||
			r.OvPayToken.ReplacedByTokenID != nil || len(r.OvPayToken.Replaces) != 1 || r.OvPayToken.Replaces[0].OvPayTokenID != oldID {
			t.Errorf("replacement %+v", r)
		}
		return r.OvPayToken.OvPayTokenID
	}

	// V1 by newTokenId: a token on the profile; the active products move, the ended one stays.
	old := e.registerXTat(profile, poolEMVXTat(1))
	active := e.addProduct(t, old, "Active", "10001")
	ended := e.addProduct(t, old, "Ended", "10001")
	existing := e.registerXTat(profile, poolEMVXTat(2))
	var o replaceOut
	e.ok(customer(int64(number)), replaceDoc, map[string]any{"id": old, "in": map[string]any{"newTokenId": existing}}, &o)
	if check(t, o, old, false) != existing {
		t.Errorf("V1 by id replaced by %d, want %d", o.ReplaceOvPayToken.OvPayToken.OvPayTokenID, existing)
	}
	if p := o.ReplaceOvPayToken.OvPayToken.ProductInstances; len(p) != 1 || p[0].ProductInstanceID != active {
		t.Errorf("products of the new token %+v, want the active one %d", p, active)
	}
	if p := o.ReplaceOvPayToken.ReplacedOvPayToken.ProductInstances; len(p) != 1 || p[0].ProductInstanceID != ended {
		t.Errorf("products of the old token %+v, want the ended one %d", p, ended)
	}

	// The replacement is in the audit trail: the old token's status, successor and moved products.
	var detail string
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT detail::text FROM audit_trail WHERE entity = 'ovPayToken'
	  AND entity_id = $1 AND action = 'update' ORDER BY id DESC LIMIT 1`, old).Scan(&detail); err != nil {
		t.Fatal(err)
	}
	var d struct {
		Changed  []string
		Previous map[string]any
		Moved    []int `json:"movedProductInstances"`
	}
	decode(t, []byte(detail), &d)
	if fmt.Sprint(d.Changed) != "[replacedByTokenId tokenStatusId]" || d.Previous["tokenStatusId"] != float64(2) ||
		len(d.Moved) != 1 || d.Moved[0] != active {
		t.Errorf("audit detail of the replacement: %s", detail)
	}

	// A Replaced token cannot be replaced again.
	e.refused(t, customer(int64(number)), replaceDoc, map[string]any{"id": old, "in": map[string]any{"xTat": poolEMVXTat(3)}}, "CONFLICT", "")

	// V1 by service reference and amount, and by OV-pas number: new tokens.
	e.ok(staffOn(profile), replaceDoc, map[string]any{"id": existing, "in": map[string]any{"tokenTypeId": 1,
		"serviceReferenceId": poolEMVSRID(3), "amount": 100, "alias": "Nieuwe bankpas"}}, &o)
	byRef := check(t, o, existing, true)
	if a := o.ReplaceOvPayToken.OvPayToken.Alias; deref(a) != "Nieuwe bankpas" || deref(o.ReplaceOvPayToken.OvPayToken.XTat) != poolEMVXTat(3) {
		t.Errorf("new token by reference %+v", o.ReplaceOvPayToken.OvPayToken)
	}
	e.ok(staffOn(profile), replaceDoc, map[string]any{"id": byRef, "in": map[string]any{"tokenTypeId": 2,
		"ovpasNumber": poolOvpasNumber(3), "verificationCode": "123", "alias": "OV-pas"}}, &o)
	byOvpas := check(t, o, byRef, true)
	if o.ReplaceOvPayToken.OvPayToken.TokenTypeID != 2 {
		t.Errorf("new OV-pas %+v", o.ReplaceOvPayToken.OvPayToken)
	}

	// V2 by xTat: a card already on the profile is that token (created false), another is added.
	onProfile := e.registerXTat(profile, poolOvpasXTat(4))
	e.ok(staffOn(profile), replaceDoc, map[string]any{"id": byOvpas, "in": map[string]any{"xTat": poolOvpasXTat(4)}}, &o)
	if check(t, o, byOvpas, false) != onProfile {
		t.Errorf("V2 by an xTat on the profile took %d, want %d", o.ReplaceOvPayToken.OvPayToken.OvPayTokenID, onProfile)
	}
	e.ok(staffOn(profile), replaceDoc, map[string]any{"id": onProfile, "in": map[string]any{"xTat": poolOvpasXTat(5), "alias": "Nieuw"}}, &o)
	last := check(t, o, onProfile, true)

	// The chain reads both ways.
	var chain struct {
		CustomerProfile struct {
			OvPayTokens []struct {
				OvPayTokenID int
				ReplacedBy   *struct{ OvPayTokenID int }
			}
		}
	}
	e.ok(staffOn(profile), `query($r: Int) { customerProfile { ovPayTokens(replacedByTokenId: $r) { ovPayTokenId replacedBy { ovPayTokenId } } } }`,
		map[string]any{"r": last}, &chain)
	if l := chain.CustomerProfile.OvPayTokens; len(l) != 1 || l[0].OvPayTokenID != onProfile || l[0].ReplacedBy == nil || l[0].ReplacedBy.OvPayTokenID != last {
		t.Errorf("tokens replaced by %d: %+v", last, l)
	}

	for name, c := range map[string]struct {
		id          int
		in          map[string]any
		code, field string
	}{
		"unknown old token":            {999999, map[string]any{"xTat": poolEMVXTat(9)}, "NOT_FOUND", ""},
		"another customer's old token": {theirs, map[string]any{"xTat": poolEMVXTat(9)}, "NOT_FOUND", ""},
		"new token is the old one":     {last, map[string]any{"newTokenId": last}, "BAD_USER_INPUT", "newTokenId"},
		"new card is the old one":      {last, map[string]any{"xTat": poolOvpasXTat(5)}, "BAD_USER_INPUT", "xTat"},
		"new token not on the profile": {last, map[string]any{"newTokenId": theirs}, "BAD_USER_INPUT", "newTokenId"},
		"new card on another profile":  {last, map[string]any{"xTat": poolEMVXTat(50)}, "CONFLICT", ""},
		"new token replaced":           {last, map[string]any{"newTokenId": old}, "CONFLICT", ""},
		"unknown xTat":                 {last, map[string]any{"xTat": "e35977b2-52bb-48ef-aca8-297b2c1d5058"}, "NOT_FOUND", ""},
		"malformed xTat":               {last, map[string]any{"xTat": "not-a-uuid"}, "NOT_FOUND", ""},
		"unknown service reference":    {last, map[string]any{"tokenTypeId": 1, "serviceReferenceId": contractSRID, "amount": 230}, "NOT_FOUND", ""},
		"amount missing":               {last, map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolEMVSRID(9)}, "BAD_USER_INPUT", "amount"},
		"verification code missing":    {last, map[string]any{"tokenTypeId": 2, "ovpasNumber": poolOvpasNumber(9)}, "BAD_USER_INPUT", "verificationCode"},
		"type is not the card's":       {last, map[string]any{"tokenTypeId": 2, "xTat": poolEMVXTat(9)}, "BAD_USER_INPUT", "tokenTypeId"},
		"two ways":                     {last, map[string]any{"newTokenId": existing, "xTat": poolEMVXTat(9)}, "BAD_USER_INPUT", "newTokenId"},
		"no way":                       {last, map[string]any{"alias": "x"}, "BAD_USER_INPUT", "newTokenId"},
	} {
		t.Run(name, func(t *testing.T) {
			e.refused(t, customer(int64(number)), replaceDoc, map[string]any{"id": c.id, "in": c.in}, c.code, c.field)
		})
	}
	// A Replaced token keeps its status.
	e.refused(t, staffOn(profile), editDoc, map[string]any{"id": old, "in": map[string]any{"tokenStatusId": 2}}, "CONFLICT", "")
	// A removed token cannot be replaced.
	e.ok(staffOn(profile), removeDoc, map[string]any{"id": last}, nil)
	e.refused(t, staffOn(profile), replaceDoc, map[string]any{"id": last, "in": map[string]any{"xTat": poolEMVXTat(9)}}, "CONFLICT", "")
}

func TestTokenListFilters(t *testing.T) {
	e := newEnv(t)
	_, profile := e.seProfile("filters@example.nl")
	emv := e.registerXTat(profile, poolEMVXTat(1234%1000+1)) // last digits 0235
	ovpas := e.registerXTat(profile, poolOvpasXTat(1))
	replaced := e.registerXTat(profile, poolEMVXTat(2))
	e.ok(staffOn(profile), replaceDoc, map[string]any{"id": replaced, "in": map[string]any{"newTokenId": emv}}, nil)
	e.ok(staffOn(profile), editDoc, map[string]any{"id": ovpas, "in": map[string]any{"tokenStatusId": 5}}, nil)

	const q = `query($types: [Int!], $statuses: [Int!], $digits: String, $exp: DateTime, $r: Int) { customerProfile {
	  ovPayTokens(tokenTypeIds: $types, tokenStatusIds: $statuses, lastDigits: $digits, expirationDate: $exp, replacedByTokenId: $r) { ovPayTokenId } } }`
	for name, c := range map[string]struct {
		vars map[string]any
		want []int
	}{
		"all":                         {map[string]any{}, []int{emv, ovpas, replaced}},
		"EMV":                         {map[string]any{"types": []int{1}}, []int{emv, replaced}},
		"EMV or OV-pas":               {map[string]any{"types": []int{1, 2}}, []int{emv, ovpas, replaced}},
		"no type matches nothing":     {map[string]any{"types": []int{}}, []int{}},
		"active or suspended":         {map[string]any{"statuses": []int{2, 5}}, []int{emv, ovpas}},
		"replaced":                    {map[string]any{"statuses": []int{3}}, []int{replaced}},
		"last digits":                 {map[string]any{"digits": "0235"}, []int{emv}},
		"last digits, shorter":        {map[string]any{"digits": "35"}, []int{emv}},
		"expiring that day":           {map[string]any{"exp": "2030-12-31T12:00:00+01:00"}, []int{emv, ovpas, replaced}},
		"expiring another day":        {map[string]any{"exp": "2030-12-30T12:00:00+01:00"}, []int{}},
		"replaced by":                 {map[string]any{"r": emv}, []int{replaced}},
		"EMV, active, by last digits": {map[string]any{"types": []int{1}, "statuses": []int{2}, "digits": "0235"}, []int{emv}},
	} {
		t.Run(name, func(t *testing.T) {
			var out struct {
				CustomerProfile struct{ OvPayTokens []struct{ OvPayTokenID int } }
			}
			e.ok(staffOn(profile), q, c.vars, &out)
			got := []int{}
			for _, tk := range out.CustomerProfile.OvPayTokens {
				got = append(got, tk.OvPayTokenID)
			}
			if !equalInts(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// decode reads a JSON value into v.
func decode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatal(err)
	}
}

// Writes that race for one card or one token: exactly one wins, the other gets CONFLICT.
func TestConcurrentTokenWrites(t *testing.T) {
	e := newEnv(t)
	_, a := e.seProfile("a@example.nl")
	_, b := e.seProfile("b@example.nl")
	race := func(reqs ...func() result) []string {
		t.Helper()
		codes := make([]string, len(reqs))
		done := make(chan struct{})
		for i, req := range reqs {
			go func() {
				defer func() { done <- struct{}{} }()
				codes[i] = req().code()
			}()
		}
		for range reqs {
			<-done
		}
		return codes
	}
	oneWins := func(name string, codes []string) {
		t.Helper()
		if !(codes[0] == "" && codes[1] == "CONFLICT" || codes[0] == "CONFLICT" && codes[1] == "") {
			t.Errorf("%s: codes %q, want one success and one CONFLICT", name, codes)
		}
	}
	card := map[string]any{"in": map[string]any{"tokenTypeId": 1, "serviceReferenceId": poolEMVSRID(500), "amount": 100}}
	oneWins("one card, two profiles", race(
		func() result { return e.do(staffOn(a), registerDoc, card) },
		func() result { return e.do(staffOn(b), registerDoc, card) },
	))

	old := e.registerXTat(a, poolEMVXTat(501))
	by := func(xTat string) func() result {
		return func() result {
			return e.do(staffOn(a), replaceDoc, map[string]any{"id": old, "in": map[string]any{"xTat": xTat}})
		}
	}
	oneWins("one token, two replacements", race(by(poolEMVXTat(502)), by(poolEMVXTat(503))))
	var n int
	if err := e.store.Pool().QueryRow(t.Context(), `SELECT count(*) FROM ovpay_token WHERE replaced_by_token_id IS NOT NULL`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d replaced tokens (%v), want 1", n, err)
	}
}
