package resolvers_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"ovgraph/adapters/gbo"
	"ovgraph/graph"
	"ovgraph/resolvers"
)

const compareDoc = `query($p: Int, $id: Int!, $new: TokenIdentificationInput!) { compareTokens(customerProfileId: $p, ovPayTokenId: $id, newToken: $new) {
  oldOvPayToken { ovPayTokenId customerProfileId }
  newOvPayToken { customerProfileId ovPayTokenId xTat xBot tokenType { id name } alias tokenStatus { id } expirationDate
    personalAccountData { name { isValidated } birthdate { inaccuracyFlag } photo { isValidated } } ePurse { status } }
  isTransferable
  transferableObjects { tokenType tokenStatus expirationDate productInstances autoReloadRegistration ePurse
    personalAccountData { name birthdate photo } }
  findings { code detail pointer field value } } }`

type flags struct {
	TokenType, TokenStatus, ExpirationDate, ProductInstances, AutoReloadRegistration, EPurse bool
	PersonalAccountData                                                                      struct{ Name, Birthdate, Photo bool }
}

type findingOut struct {
	Code, Detail, Pointer string
	Field, Value          *string
}

type comparison struct {
	CompareTokens struct {
		OldOvPayToken struct{ OvPayTokenID, CustomerProfileID int }
		NewOvPayToken struct {
			CustomerProfileID, OvPayTokenID *int
			XTat                            string
			XBot                            *string
			TokenType                       struct {
				ID   int
				Name string
			}
			TokenStatus *struct{ ID int }
		}
		IsTransferable      bool
		TransferableObjects flags
		Findings            []findingOut
	}
}

// allTrue is every flag true; with changes the expected flags of a case.
func allTrue(change func(f *flags)) flags {
	f := flags{true, true, true, true, true, true, struct{ Name, Birthdate, Photo bool }{true, true, true}}
	if change != nil {
		change(&f)
	}
	return f
}

func TestCompareTokens(t *testing.T) {
	e := newEnv(t)
	_, profile := e.seProfile("compare@example.nl")
	_, other := e.seProfile("other@example.nl")
	emv := e.registerXTat(profile, poolEMVXTat(1))
	withProduct := e.registerXTat(profile, poolEMVXTat(2))
	e.addProduct(t, withProduct, "Active", "33613")
	e.addProduct(t, withProduct, "Active", "10001")
	e.addProduct(t, withProduct, "Ended", "33613") // an ended product moves nowhere: it does not count
	ovpas := e.register(profile, map[string]any{"tokenTypeId": 2, "ovpasNumber": "OV34567", "verificationCode": "211"})
	marked := e.registerXTat(profile, namedMarkedPAD)
	adult := e.registerXTat(profile, namedPAD)
	allMarked := e.registerXTat(profile, "c0000000-0000-4000-8000-000000000007")
	purse := e.registerXTat(profile, namedPurse)
	suspended := e.registerXTat(profile, poolEMVXTat(3))
	e.ok(staffOn(profile), editDoc, map[string]any{"id": suspended, "in": map[string]any{"tokenStatusId": 5}}, nil)
	e.registerXTat(other, poolEMVXTat(4))
	// A card with an auto-reload registration of its own.
	if _, err := e.store.Pool().Exec(t.Context(), `UPDATE gbo_card SET auto_reload_amount = 1000, auto_reload_status = 'ACTIVE'
	  WHERE x_tat = $1`, poolOvpasXTat(20)); err != nil {
		t.Fatal(err)
	}
	str := func(s string) *string { return &s }

	for name, c := range map[string]struct {
		old       int
		new       map[string]any
		want      flags
		findings  []findingOut
		onProfile bool
	}{
		"transferable, by xTat": {old: emv, new: map[string]any{"xTat": contractEMVXTat}, want: allTrue(nil)},
		"by xBot":               {old: emv, new: map[string]any{"xBot": "00000001-0000-4000-9000-000000000013"}, want: allTrue(nil)},
		"by service reference":  {old: emv, new: map[string]any{"serviceReferenceId": contractSRID, "amount": 200}, want: allTrue(nil)},
		"EMV to an OV-pas":      {old: emv, new: map[string]any{"ovpasNumber": poolOvpasNumber(13), "verificationCode": "123"}, want: allTrue(nil)},
		"products not carried by the new type": {old: withProduct, new: map[string]any{"xTat": contractEMVXTat},
			want: allTrue(func(f *flags) { f.ProductInstances = false }),
			findings: []findingOut{{"PRODUCT_INSTANCES", "One or more GBO product instances are not transferable",
				"#/0/ovPayToken/packageTemplateId", str("packageTemplateId"), str("33613")}}},
		"products carried by an OV-pas": {old: withProduct, new: map[string]any{"xTat": poolOvpasXTat(14)}, want: allTrue(nil)},
		"OV-pas physical to EMV": {old: ovpas, new: map[string]any{"xTat": contractEMVXTat},
			want: allTrue(func(f *flags) { f.TokenType = false }),
			findings: []findingOut{{"TOKEN_TYPE", "The old token has token type OV-pas physical.", "#/0/ovPayToken/tokenTypeId",
				str("tokenTypeId"), str("2")}}},
		"marked PAD": {old: marked, new: map[string]any{"xTat": poolEMVXTat(15)},
			want: allTrue(func(f *flags) { f.PersonalAccountData.Birthdate = false }),
			findings: []findingOut{{"PAD_ATTRIBUTE", "PAD attribute birthdate is marked on the old token",
				"#/0/ovPayToken/padAttributes/birthdate", nil, nil}}},
		"every PAD attribute marked": {old: allMarked, new: map[string]any{"xTat": contractEMVXTat},
			want: allTrue(func(f *flags) {
				f.PersonalAccountData.Name, f.PersonalAccountData.Birthdate, f.PersonalAccountData.Photo = false, false, false
			}),
			findings: []findingOut{
				{"PAD_ATTRIBUTE", "PAD attribute name is marked on the old token", "#/0/ovPayToken/padAttributes/name", nil, nil},
				{"PAD_ATTRIBUTE", "PAD attribute birthdate is marked on the old token", "#/0/ovPayToken/padAttributes/birthdate", nil, nil},
				{"PAD_ATTRIBUTE", "PAD attribute photo is marked on the old token", "#/0/ovPayToken/padAttributes/photo", nil, nil}}},
		"different age profile": {old: adult, new: map[string]any{"xTat": namedChild},
			want: allTrue(func(f *flags) { f.EPurse, f.PersonalAccountData.Birthdate = false, false }),
			findings: []findingOut{{"AGE_PROFILE", "The new token has age profile Kind, the old token Volwassene.",
				"#/0/ovPayToken/ageProfile", str("ageProfile"), str("Kind")}}},
		"new token expired": {old: emv, new: map[string]any{"xTat": namedExpired},
			want: allTrue(func(f *flags) { f.ExpirationDate = false }),
			findings: []findingOut{{"EXPIRATION_DATE", "The new token is expired.", "#/0/ovPayToken/expirationDate",
				str("expirationDate"), str("2022-01-01")}}},
		"e-purse and auto-reload to an OV-pas": {old: purse, new: map[string]any{"xTat": namedOvpas}, want: allTrue(nil)},
		"e-purse balance to an EMV card": {old: purse, new: map[string]any{"xTat": poolEMVXTat(16)},
			want: allTrue(func(f *flags) { f.TokenType, f.EPurse = false, false }),
			findings: []findingOut{
				{"TOKEN_TYPE", "The old token has token type OV-pas physical.", "#/0/ovPayToken/tokenTypeId", str("tokenTypeId"), str("2")},
				{"E_PURSE", "The new token has no e-purse to take the balance.", "#/0/ovPayToken/ePurse", nil, nil}}},
		"auto-reload onto a card with its own": {old: purse, new: map[string]any{"xTat": poolOvpasXTat(20)},
			want: allTrue(func(f *flags) { f.AutoReloadRegistration = false }),
			findings: []findingOut{{"AUTO_RELOAD_REGISTRATION", "The new token has an auto-reload registration already.",
				"#/0/ovPayToken/autoReloadRegistration", nil, nil}}},
		"new token on the profile, suspended": {old: emv, new: map[string]any{"ovPayTokenId": suspended}, onProfile: true,
			want: allTrue(func(f *flags) { f.TokenStatus = false }),
			findings: []findingOut{{"TOKEN_STATUS", "The new token has token status Suspended.", "#/0/ovPayToken/tokenStatusId",
				str("tokenStatusId"), str("5")}}},
		"new card on the profile, by xTat": {old: emv, new: map[string]any{"xTat": poolEMVXTat(2)}, onProfile: true, want: allTrue(nil)},
		"old token suspended": {old: suspended, new: map[string]any{"xTat": contractEMVXTat},
			want: allTrue(func(f *flags) { f.TokenStatus = false }),
			findings: []findingOut{{"TOKEN_STATUS", "The old token has token status Suspended.", "#/0/ovPayToken/tokenStatusId",
				str("tokenStatusId"), str("5")}}},
	} {
		t.Run(name, func(t *testing.T) {
			before := e.tokenState(t)
			var out comparison
			e.ok(staffOn(profile), compareDoc, map[string]any{"id": c.old, "new": c.new}, &out)
			got := out.CompareTokens
			if got.TransferableObjects != c.want {
				t.Errorf("flags %+v, want %+v", got.TransferableObjects, c.want)
			}
			if got.IsTransferable != (c.want == allTrue(nil)) {
				t.Errorf("isTransferable %v with flags %+v", got.IsTransferable, got.TransferableObjects)
			}
			if fmt.Sprint(findingsText(got.Findings)) != fmt.Sprint(findingsText(c.findings)) {
				t.Errorf("findings %v, want %v", findingsText(got.Findings), findingsText(c.findings))
			}
			if got.OldOvPayToken.OvPayTokenID != c.old || got.OldOvPayToken.CustomerProfileID != profile {
				t.Errorf("old token %+v", got.OldOvPayToken)
			}
			if n := got.NewOvPayToken; (n.OvPayTokenID != nil) != c.onProfile || (n.TokenStatus != nil) != c.onProfile ||
				(n.CustomerProfileID != nil) != c.onProfile || n.XTat == "" || n.TokenType.Name == "" {
				t.Errorf("new token %+v (on the profile: %v)", n, c.onProfile)
			}
			if e.tokenState(t) != before {
				t.Errorf("a comparison changed the database")
			}
		})
	}

	for name, c := range map[string]struct {
		old         int
		new         map[string]any
		code, field string
		finding     *findingOut
	}{
		"old token not on the profile": {999999, map[string]any{"xTat": contractEMVXTat}, "NOT_FOUND", "ovPayTokenId",
			&findingOut{"OLD_TOKEN_NOT_FOUND", "The old token was not found in the customer profile.", "#/0/ovPayTokenId", str("ovPayTokenId"), str("999999")}},
		"new token not on the profile": {emv, map[string]any{"ovPayTokenId": 999998}, "NOT_FOUND", "ovPayTokenId",
			&findingOut{"NEW_TOKEN_NOT_FOUND", "The new token was not found in the customer profile.", "#/0/ovPayTokenId", str("ovPayTokenId"), str("999998")}},
		"xTat not in GBO": {emv, map[string]any{"xTat": "e35977b2-52bb-48ef-aca8-297b2c1d5058"}, "NOT_FOUND", "xTat",
			&findingOut{"XTAT_NOT_FOUND", "XTAT for the new token was not found in GBO.", "#/0/xTat", str("xTat"), str("e35977b2-52bb-48ef-aca8-297b2c1d5058")}},
		"service reference not in GBO": {emv, map[string]any{"serviceReferenceId": contractSRID, "amount": 230}, "NOT_FOUND", "serviceReferenceId",
			&findingOut{"SERVICE_REFERENCE_ID_NOT_FOUND", "Service Reference ID for the new token was not found in GBO.", "#/0/serviceReferenceId",
				str("serviceReferenceId"), str(contractSRID)}},
		"new token on another profile": {emv, map[string]any{"xTat": poolEMVXTat(4)}, "BAD_USER_INPUT", "ovPayTokenId", nil},
		"new token is the old one":     {emv, map[string]any{"ovPayTokenId": emv}, "BAD_USER_INPUT", "ovPayTokenId", nil},
		"amount missing":               {emv, map[string]any{"serviceReferenceId": contractSRID}, "BAD_USER_INPUT", "amount", nil},
		"verification code missing":    {emv, map[string]any{"ovpasNumber": "OV34567"}, "BAD_USER_INPUT", "verificationCode", nil},
		"no way":                       {emv, map[string]any{}, "BAD_USER_INPUT", "newToken", nil},
		"two ways":                     {emv, map[string]any{"xTat": contractEMVXTat, "ovPayTokenId": ovpas}, "BAD_USER_INPUT", "newToken", nil},
	} {
		t.Run(name, func(t *testing.T) {
			r := e.refused(t, staffOn(profile), compareDoc, map[string]any{"id": c.old, "new": c.new}, c.code, c.field)
			if c.code == "BAD_USER_INPUT" && c.field == "ovPayTokenId" && name == "new token on another profile" &&
				r.Errors[0].Message != "New token already present in other customer profile." {
				t.Errorf("message %q", r.Errors[0].Message)
			}
			if c.finding == nil {
				return
			}
			if r.Errors[0].Message != c.finding.Detail {
				t.Errorf("message %q, want %q", r.Errors[0].Message, c.finding.Detail)
			}
			list, _ := r.Errors[0].Extensions["findings"].([]any)
			if len(list) != 1 {
				t.Fatalf("extensions.findings %v", r.Errors[0].Extensions)
			}
			f := list[0].(map[string]any)
			if f["code"] != c.finding.Code || f["detail"] != c.finding.Detail || f["pointer"] != c.finding.Pointer ||
				f["field"] != *c.finding.Field || f["value"] != *c.finding.Value {
				t.Errorf("finding %v, want %+v", f, *c.finding)
			}
		})
	}
}

func findingsText(fs []findingOut) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s", f.Code, f.Detail, f.Pointer, deref(f.Field), deref(f.Value)))
	}
	return out
}

// downGBO is a GBO that cannot be reached.
type downGBO struct{}

var errDown = fmt.Errorf("%w: connection refused", gbo.ErrUnavailable)

func (downGBO) FindCard(context.Context, gbo.CardQuery) (gbo.Card, error) { return gbo.Card{}, errDown }
func (downGBO) Cards(context.Context, []string) ([]gbo.Card, error)       { return nil, errDown }
func (downGBO) NotCarried(context.Context, []string, int) ([]string, error) {
	return nil, errDown
}
func (downGBO) MoveCardData(context.Context, string, string) error { return errDown }

// With GBO down, a token's GBO fields answer null with UPSTREAM_UNAVAILABLE and the rest of the
// answer stands; operations that need GBO refuse with it and change nothing.
func TestGBOUnavailable(t *testing.T) {
	e := newEnv(t)
	_, profile := e.seProfile("down@example.nl")
	id := e.registerXTat(profile, namedPurse)
	e.addProduct(t, id, "Active", "10001")
	e.handler = resolvers.NewHandler(resolvers.Deps{Store: e.store, GBO: downGBO{},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Options: resolvers.DefaultOptions})

	r := e.do(staffOn(profile), `{ customerProfile { customerNumber ovPayTokens { ovPayTokenId alias productInstances { name }
	  personalAccountData { name { isValidated } } ePurse { status } autoReloadRegistration { autoReloadAmount } } } }`, nil)
	var out struct {
		CustomerProfile struct {
			CustomerNumber int
			OvPayTokens    []struct {
				OvPayTokenID           int
				Alias                  *string
				ProductInstances       []struct{ Name string }
				PersonalAccountData    *struct{}
				EPurse                 *struct{}
				AutoReloadRegistration *struct{}
			}
		}
	}
	decode(t, r.Data, &out)
	toks := out.CustomerProfile.OvPayTokens
	if out.CustomerProfile.CustomerNumber == 0 || len(toks) != 1 || toks[0].OvPayTokenID != id || deref(toks[0].Alias) != "Kaart" ||
		len(toks[0].ProductInstances) != 1 {
		t.Fatalf("the answer beside GBO's fields: %+v", out)
	}
	if toks[0].PersonalAccountData != nil || toks[0].EPurse != nil || toks[0].AutoReloadRegistration != nil {
		t.Errorf("GBO's fields without GBO: %+v", toks[0])
	}
	if len(r.Errors) != 3 {
		t.Fatalf("errors %+v, want one per GBO field", r.Errors)
	}
	for _, er := range r.Errors {
		if er.Extensions["code"] != string(graph.CodeUpstreamUnavailable) || len(er.Path) != 4 {
			t.Errorf("error %+v", er)
		}
	}

	e.refused(t, staffOn(profile), registerDoc, map[string]any{"in": map[string]any{"tokenTypeId": 1,
		"serviceReferenceId": contractSRID, "amount": 200}}, "UPSTREAM_UNAVAILABLE", "")
	e.refused(t, staffOn(profile), replaceDoc, map[string]any{"id": id, "in": map[string]any{"xTat": contractEMVXTat}}, "UPSTREAM_UNAVAILABLE", "")
	e.refused(t, staffOn(profile), compareDoc, map[string]any{"id": id, "new": map[string]any{"xTat": contractEMVXTat}}, "UPSTREAM_UNAVAILABLE", "")
	// What needs no GBO still works.
	e.ok(staffOn(profile), editDoc, map[string]any{"id": id, "in": map[string]any{"alias": "Zonder GBO"}}, nil)
}

// The product instances and the replacement chain of every token on a page of profiles load with
// the same number of statements whatever the page's size.
func TestTokenChildrenStatementCount(t *testing.T) {
	e := newEnv(t)
	if err := e.store.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		e.newCustomer(fmt.Sprintf("extra%d@example.nl", i))
	}
	// Every profile gets two tokens, the first replaced by the second, with a product each.
	for _, stmt := range []string{
		`INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, alias)
		 SELECT id, 1, s.status, s.prefix || id, s.alias
		 FROM customer_profile, (VALUES (2, 'new-', 'new'), (3, 'old-', 'old')) AS s(status, prefix, alias)`,
		`UPDATE ovpay_token o SET replaced_by_token_id = n.id FROM ovpay_token n
		 WHERE o.alias = 'old' AND n.alias = 'new' AND n.customer_profile_id = o.customer_profile_id`,
	} {
		if _, err := e.store.Pool().Exec(t.Context(), stmt); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.store.Pool().Exec(t.Context(), `INSERT INTO product_instance (ovpay_token_id, product_id, name, status,
	    product_category_id, package_template_id, from_inclusive, order_id, order_line_id)
	  SELECT id, 10, 'HTM 90% Korting', 'Active', 1, '10001', now(), gen_random_uuid(), gen_random_uuid() FROM ovpay_token`); err != nil {
		t.Fatal(err)
	}
	const q = `query($first: Int!) { customers(first: $first) { nodes { customerNumber
	  ovPayTokens { ovPayTokenId productInstances { name productCategory { name } }
	    replaces { ovPayTokenId productInstances { name } } replacedBy { ovPayTokenId } } } } }`
	counts := map[int]int64{}
	for _, first := range []int{5, 50} {
		var out struct {
			Customers struct {
				Nodes []struct {
					OvPayTokens []struct {
						ProductInstances []struct{ Name string }
						Replaces         []struct{ OvPayTokenID int }
					}
				}
			}
		}
		before := e.count.n.Load()
		e.ok(touchpoint, q, map[string]any{"first": first}, &out)
		counts[first] = e.count.n.Load() - before
		if len(out.Customers.Nodes) != first {
			t.Fatalf("first %d: %d nodes", first, len(out.Customers.Nodes))
		}
		for _, n := range out.Customers.Nodes {
			replaced := 0
			for _, tk := range n.OvPayTokens {
				replaced += len(tk.Replaces)
				if len(tk.ProductInstances) == 0 {
					t.Fatalf("first %d: a token without its product", first)
				}
			}
			if replaced != 1 {
				t.Fatalf("first %d: %d replaced tokens on a profile, want 1", first, replaced)
			}
		}
	}
	if counts[5] != counts[50] {
		t.Errorf("statements: %d for 5 customers, %d for 50", counts[5], counts[50])
	}
	// The search, the tokens, and the product instances of all of them.
	if counts[50] > 3 {
		t.Errorf("statements for 50 customers: %d, want at most 3", counts[50])
	}
}
