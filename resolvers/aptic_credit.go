package resolvers

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/graph-gophers/dataloader/v7"

	"ovgraph/adapters/aptic"
	"ovgraph/adapters/upstream"
	"ovgraph/graph"
)

// Customer.credit: the profile's customer in Aptic credit management. Aptic has no batch
// endpoint, so each part has a loader (operationLoader) that calls Aptic once per customer (and
// list arguments), at most vendorFanOutLimit at a time, under the operation's vendor deadline
// (newVendorLoader): a page of 50 profiles makes at most 50 calls per part, and a part selected
// twice with the same arguments is fetched once.

// apticClient is the Aptic client, or the failure of a vendor that is not configured.
func (r *Resolver) apticClient() (*aptic.Client, error) {
	if r.Aptic == nil {
		return nil, &upstream.Error{Vendor: aptic.Vendor, Kind: upstream.ErrNotConfigured}
	}
	return r.Aptic, nil
}

// apticCheck is the error of an Aptic call: err as a vendor failure, else a 4xx/5xx status, else
// an answer without the body the operation documents (a garbled answer).
func apticCheck[R interface{ StatusCode() int }](res R, err error, hasBody func() bool) error {
	if err != nil {
		return aptic.Classify(err)
	}
	if err := aptic.CheckStatus(res.StatusCode()); err != nil {
		return err
	}
	if hasBody != nil && !hasBody() {
		return aptic.Classify(errors.New("answer without the documented body"))
	}
	return nil
}

// customerCredit is the profile's Aptic customer; nil without an error when it has none.
func (r *Resolver) customerCredit(ctx context.Context, c *graph.Customer) (*graph.ApticCredit, error) {
	link, ok, err := r.vendorLink(ctx, int64(c.CustomerProfileID), aptic.Vendor)
	if err != nil || !ok {
		return nil, err
	}
	return &graph.ApticCredit{CustomerGUID: link.ExternalID}, nil
}

func (r *Resolver) apticOverview(ctx context.Context, c *graph.ApticCredit) (*graph.ApticFinancialOverview, error) {
	ld := operationLoader(ctx, "aptic.overview", func() *dataloader.Loader[string, *graph.ApticFinancialOverview] {
		return newVendorLoader(r, ctx, func(ctx context.Context, guid string) (*graph.ApticFinancialOverview, error) {
			cl, err := r.apticClient()
			if err != nil {
				return nil, err
			}
			res, err := cl.GetCustomerFinancialOverviewWithResponse(ctx, guid)
			if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
				return nil, err
			}
			return toGraphApticOverview(*res.JSON200), nil
		})
	})
	return ld.Load(ctx, c.CustomerGUID)()
}

// apticListKey is one list request: the customer and the OData parameters.
type apticListKey struct {
	guid, filter, orderby string
	skip, top             int32
}

// apticPage is a page of an Aptic list as Aptic answers it ({count, skip, total, value}).
type apticPage[T any] struct {
	count, skip, total int32
	value              []T
}

func pageOf[T any](count, skip, total *int32, value *[]T) apticPage[T] {
	p := apticPage[T]{count: valueOf(count), skip: valueOf(skip), total: valueOf(total)}
	if value != nil {
		p.value = *value
	}
	if count == nil {
		p.count = int32(len(p.value))
	}
	if total == nil {
		p.total = p.skip + p.count
	}
	return p
}

func valueOf[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// odata is the key's parameters as the generated clients take them (nil when not set).
func (k apticListKey) odata() (filter, orderby *string, skip, top *int32) {
	if k.filter != "" {
		filter = &k.filter
	}
	if k.orderby != "" {
		orderby = &k.orderby
	}
	return filter, orderby, &k.skip, &k.top
}

// maxApticPage is Aptic's largest $top.
const maxApticPage = 100

// apticListArgs checks a list's page arguments and makes its key: first is $top (0 to 100,
// default 25), after a cursor whose offset + 1 is $skip, orderBy a JSON field name with the
// direction.
func apticListArgs(guid string, filter odataFilter, orderBy string, direction *graph.ApticOrderDirection, first *int, after *string) (apticListKey, error) {
	k := apticListKey{guid: guid, filter: filter.String(), top: 25}
	if first != nil {
		if *first < 0 || *first > maxApticPage {
			return k, graph.InputError("first", fmt.Sprintf("first must be between 0 and %d (Aptic's largest page)", maxApticPage))
		}
		k.top = int32(*first)
	}
	if after != nil {
		offset, err := decodeApticCursor(*after)
		if err != nil {
			return k, err
		}
		k.skip = offset + 1
	}
	if orderBy != "" {
		k.orderby = orderBy
		if direction != nil && *direction == graph.ApticOrderDirectionDesc {
			k.orderby += " desc"
		} else {
			k.orderby += " asc"
		}
	}
	return k, nil
}

// apticCursorPrefix marks an Aptic list's cursor: the item's offset in Aptic's list.
const apticCursorPrefix = "aptic:"

func encodeApticCursor(offset int32) string {
	return base64.RawURLEncoding.EncodeToString([]byte(apticCursorPrefix + strconv.Itoa(int(offset))))
}

func decodeApticCursor(s string) (int32, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if n, ok := strings.CutPrefix(string(b), apticCursorPrefix); ok {
			if v, err := strconv.ParseInt(n, 10, 32); err == nil && v >= 0 && v < math.MaxInt32 {
				return int32(v), nil
			}
		}
	}
	return 0, graph.InputError("after", "after is not a cursor of this list")
}

// apticEdges pages p: the nodes converted, the cursors their offsets, PageInfo from Aptic's
// count, skip and total.
func apticEdges[T, N, E any](p apticPage[T], conv func(T) N, edge func(cursor string, node N) E) ([]E, []N, *graph.PageInfo) {
	nodes := convertAll(p.value, conv)
	edges := make([]E, len(nodes))
	for i, n := range nodes {
		edges[i] = edge(encodeApticCursor(p.skip+int32(i)), n)
	}
	info := &graph.PageInfo{HasPreviousPage: p.skip > 0, HasNextPage: len(nodes) > 0 && p.skip+int32(len(nodes)) < p.total}
	if len(nodes) > 0 {
		start, end := encodeApticCursor(p.skip), encodeApticCursor(p.skip+int32(len(nodes))-1)
		info.StartCursor, info.EndCursor = &start, &end
	}
	return edges, nodes, info
}

// apticList loads one page of a list through the operation's loader named name.
func apticList[T any](r *Resolver, ctx context.Context, name string, key apticListKey,
	fetch func(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[T], error)) (apticPage[T], error) {
	ld := operationLoader(ctx, name, func() *dataloader.Loader[apticListKey, apticPage[T]] {
		return newVendorLoader(r, ctx, func(ctx context.Context, k apticListKey) (apticPage[T], error) {
			cl, err := r.apticClient()
			if err != nil {
				return apticPage[T]{}, err
			}
			return fetch(ctx, cl, k)
		})
	})
	return ld.Load(ctx, key)()
}

func convertAll[T, N any](in []T, conv func(T) N) []N {
	out := make([]N, 0, len(in))
	for _, v := range in {
		out = append(out, conv(v))
	}
	return out
}

// --- the lists

// Order fields: the GraphQL enum value → Aptic's JSON name.
var (
	apticAddressOrder = map[graph.ApticAddressOrderField]string{
		graph.ApticAddressOrderFieldAddressType: "addressType", graph.ApticAddressOrderFieldCity: "city",
		graph.ApticAddressOrderFieldZipCode: "zipCode", graph.ApticAddressOrderFieldValidFrom: "validFrom",
		graph.ApticAddressOrderFieldLastUpdatedAt: "lastUpdatedAt"}
	apticExtraFieldOrder     = map[graph.ApticExtraFieldOrderField]string{graph.ApticExtraFieldOrderFieldName: "name"}
	apticPartyParameterOrder = map[graph.ApticPartyParameterOrderField]string{
		graph.ApticPartyParameterOrderFieldName: "name", graph.ApticPartyParameterOrderFieldType: "type"}
	apticMandateOrder = map[graph.ApticDirectDebitMandateOrderField]string{
		graph.ApticDirectDebitMandateOrderFieldReferenceNo: "referenceNo", graph.ApticDirectDebitMandateOrderFieldRequestedAt: "requestedAt",
		graph.ApticDirectDebitMandateOrderFieldSignedDate: "signedDate"}
	apticInsuranceOrder = map[graph.ApticCreditInsuranceOrderField]string{
		graph.ApticCreditInsuranceOrderFieldInsuranceDate: "insuranceDate", graph.ApticCreditInsuranceOrderFieldEndDate: "endDate",
		graph.ApticCreditInsuranceOrderFieldInsuranceCompanyName: "insuranceCompanyName"}
	apticActionOrder = map[graph.ApticActionOrderField]string{
		graph.ApticActionOrderFieldLoggedAt: "loggedAt", graph.ApticActionOrderFieldProcessAt: "processAt",
		graph.ApticActionOrderFieldActionItemCode: "actionItemCode"}
)

func orderName[E comparable](names map[E]string, e *E) string {
	if e == nil {
		return ""
	}
	return names[*e]
}

func (r *Resolver) apticAddresses(ctx context.Context, c *graph.ApticCredit, f *graph.ApticAddressFilter,
	orderBy *graph.ApticAddressOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticAddressConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("addressType", f.AddressType).eq("city", f.City).eq("zipCode", f.ZipCode).
			eq("countryCode", f.CountryCode).eqBool("defaultAddress", f.DefaultAddress)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticAddressOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.addresses", key, func(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.Address], error) {
		fl, ob, sk, tp := k.odata()
		res, err := cl.GetCustomerAddressesWithResponse(ctx, k.guid, &aptic.GetCustomerAddressesParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
			return apticPage[aptic.Address]{}, err
		}
		b := res.JSON200
		return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
	})
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticAddress, func(c string, n *graph.ApticAddress) *graph.ApticAddressEdge {
		return &graph.ApticAddressEdge{Cursor: c, Node: n}
	})
	return &graph.ApticAddressConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

func (r *Resolver) apticExtraFields(ctx context.Context, c *graph.ApticCredit, f *graph.ApticExtraFieldFilter,
	orderBy *graph.ApticExtraFieldOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticExtraFieldConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("name", f.Name).contains("name", f.NameContains)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticExtraFieldOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.extraFields", key, func(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.ExtraField], error) {
		fl, ob, sk, tp := k.odata()
		res, err := cl.GetCustomerExtraFieldsWithResponse(ctx, k.guid, &aptic.GetCustomerExtraFieldsParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
			return apticPage[aptic.ExtraField]{}, err
		}
		b := res.JSON200
		return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
	})
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticExtraField, func(c string, n *graph.ApticExtraField) *graph.ApticExtraFieldEdge {
		return &graph.ApticExtraFieldEdge{Cursor: c, Node: n}
	})
	return &graph.ApticExtraFieldConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

func (r *Resolver) apticPartyParameters(ctx context.Context, c *graph.ApticCredit, f *graph.ApticPartyParameterFilter,
	orderBy *graph.ApticPartyParameterOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticPartyParameterConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("name", f.Name).eq("type", f.Type)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticPartyParameterOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.partyParameters", key, fetchApticPartyParameters)
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticPartyParameter, func(c string, n *graph.ApticPartyParameter) *graph.ApticPartyParameterEdge {
		return &graph.ApticPartyParameterEdge{Cursor: c, Node: n}
	})
	return &graph.ApticPartyParameterConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

func fetchApticPartyParameters(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.PartyParameter], error) {
	fl, ob, sk, tp := k.odata()
	res, err := cl.GetCustomerPartyParametersWithResponse(ctx, k.guid, &aptic.GetCustomerPartyParametersParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
		return apticPage[aptic.PartyParameter]{}, err
	}
	b := res.JSON200
	return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
}

func (r *Resolver) apticDirectDebitMandates(ctx context.Context, c *graph.ApticCredit, f *graph.ApticDirectDebitMandateFilter,
	orderBy *graph.ApticDirectDebitMandateOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticDirectDebitMandateConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("referenceNo", f.ReferenceNo).eqInt("directDebitMandateType", f.DirectDebitMandateType)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticMandateOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.directDebitMandates", key, fetchApticMandates)
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticMandate, func(c string, n *graph.ApticDirectDebitMandate) *graph.ApticDirectDebitMandateEdge {
		return &graph.ApticDirectDebitMandateEdge{Cursor: c, Node: n}
	})
	return &graph.ApticDirectDebitMandateConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

func fetchApticMandates(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.DirectDebitMandate], error) {
	fl, ob, sk, tp := k.odata()
	res, err := cl.GetCustomerDirectDebitMandatesWithResponse(ctx, k.guid, &aptic.GetCustomerDirectDebitMandatesParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
	if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
		return apticPage[aptic.DirectDebitMandate]{}, err
	}
	b := res.JSON200
	return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
}

func (r *Resolver) apticCreditInsurances(ctx context.Context, c *graph.ApticCredit, f *graph.ApticCreditInsuranceFilter,
	orderBy *graph.ApticCreditInsuranceOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticCreditInsuranceConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("insuranceCompanyName", f.InsuranceCompanyName).eq("currencyCode", f.CurrencyCode)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticInsuranceOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.creditInsurances", key, func(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.CreditInsurance], error) {
		fl, ob, sk, tp := k.odata()
		res, err := cl.GetCustomerCreditInsurancesWithResponse(ctx, k.guid, &aptic.GetCustomerCreditInsurancesParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
			return apticPage[aptic.CreditInsurance]{}, err
		}
		b := res.JSON200
		return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
	})
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticInsurance, func(c string, n *graph.ApticCreditInsurance) *graph.ApticCreditInsuranceEdge {
		return &graph.ApticCreditInsuranceEdge{Cursor: c, Node: n}
	})
	return &graph.ApticCreditInsuranceConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

func (r *Resolver) apticActions(ctx context.Context, c *graph.ApticCredit, f *graph.ApticActionFilter,
	orderBy *graph.ApticActionOrderField, dir *graph.ApticOrderDirection, first *int, after *string) (*graph.ApticActionConnection, error) {
	var filter odataFilter
	if f != nil {
		filter.eq("actionCategoryCode", f.ActionCategoryCode).eq("actionItemCode", f.ActionItemCode)
	}
	key, err := apticListArgs(c.CustomerGUID, filter, orderName(apticActionOrder, orderBy), dir, first, after)
	if err != nil {
		return nil, err
	}
	p, err := apticList(r, ctx, "aptic.actions", key, func(ctx context.Context, cl *aptic.Client, k apticListKey) (apticPage[aptic.CustomerAction], error) {
		fl, ob, sk, tp := k.odata()
		res, err := cl.GetCustomerActionsWithResponse(ctx, k.guid, &aptic.GetCustomerActionsParams{Filter: fl, Orderby: ob, Skip: sk, Top: tp})
		if err := apticCheck(res, err, func() bool { return res.JSON200 != nil }); err != nil {
			return apticPage[aptic.CustomerAction]{}, err
		}
		b := res.JSON200
		return pageOf(b.Count, b.Skip, b.Total, b.Value), nil
	})
	if err != nil {
		return nil, err
	}
	edges, nodes, info := apticEdges(p, toGraphApticAction, func(c string, n *graph.ApticAction) *graph.ApticActionEdge {
		return &graph.ApticActionEdge{Cursor: c, Node: n}
	})
	return &graph.ApticActionConnection{Edges: edges, Nodes: nodes, PageInfo: info, TotalCount: int(p.total)}, nil
}

// odataFilter builds Aptic's simplified OData $filter: conditions `field eq 'text'`,
// `field eq 3`, `field eq true` and `contains(field,'text')`, joined by `and`. Text is quoted
// with its single quotes doubled, so a value cannot end the literal.
type odataFilter struct{ conds []string }

func (f *odataFilter) String() string { return strings.Join(f.conds, " and ") }

func odataQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (f *odataFilter) eq(field string, v *string) *odataFilter {
	if v != nil {
		f.conds = append(f.conds, field+" eq "+odataQuote(*v))
	}
	return f
}

func (f *odataFilter) eqInt(field string, v *int) *odataFilter {
	if v != nil {
		f.conds = append(f.conds, field+" eq "+strconv.Itoa(*v))
	}
	return f
}

func (f *odataFilter) eqBool(field string, v *bool) *odataFilter {
	if v != nil {
		f.conds = append(f.conds, field+" eq "+strconv.FormatBool(*v))
	}
	return f
}

func (f *odataFilter) contains(field string, v *string) *odataFilter {
	if v != nil {
		f.conds = append(f.conds, "contains("+field+","+odataQuote(*v)+")")
	}
	return f
}

// --- converters

func toGraphTime(t *time.Time) *graph.DateTime {
	if t == nil {
		return nil
	}
	return &graph.DateTime{Time: *t}
}

func toIntPtr[T ~int32 | ~int](v *T) *int {
	if v == nil {
		return nil
	}
	n := int(*v)
	return &n
}

func toGraphApticAddress(a aptic.Address) *graph.ApticAddress {
	return &graph.ApticAddress{AddressGUID: valueOf(a.AddressGUID), AddressType: a.AddressType, FullName: a.FullName,
		Street: a.Street, HouseNo: a.HouseNo, HouseNoExtension: a.HouseNoExtension, City: a.City, ZipCode: a.ZipCode,
		StateCode: a.StateCode, CountryCode: a.CountryCode, FullAddress: a.FullAddress,
		AddressNotValidDate: toGraphTime(a.AddressNotValidDate), DefaultAddress: a.DefaultAddress,
		ValidFrom: toGraphTime(a.ValidFrom), ValidTo: toGraphTime(a.ValidTo), ValidatedAt: toGraphTime(a.ValidatedAt),
		ValidOverride: a.ValidOverride, LastUpdatedAt: toGraphTime(a.LastUpdatedAt)}
}

func toGraphApticExtraField(f aptic.ExtraField) *graph.ApticExtraField {
	out := &graph.ApticExtraField{Name: valueOf(f.Name), Value: []string{}}
	if f.Value != nil {
		out.Value = *f.Value
	}
	return out
}

func toGraphApticPartyParameter(p aptic.PartyParameter) *graph.ApticPartyParameter {
	return &graph.ApticPartyParameter{Name: valueOf(p.Name), Type: p.Type, Value: p.Value, Href: p.Href}
}

func toGraphApticMandate(m aptic.DirectDebitMandate) *graph.ApticDirectDebitMandate {
	return &graph.ApticDirectDebitMandate{MandateGUID: valueOf(m.MandateGUID), DirectDebitMandateType: toIntPtr(m.DirectDebitMandateType),
		ReferenceNo: m.ReferenceNo, BankAccountNo: m.BankAccountNo, RequestedAt: toGraphTime(m.RequestedAt),
		ApprovedAt: toGraphTime(m.ApprovedAt), SignedDate: toGraphTime(m.SignedDate), Validfrom: toGraphTime(m.Validfrom),
		Validuntil: toGraphTime(m.Validuntil), ClosedAt: toGraphTime(m.ClosedAt)}
}

func toGraphApticInsurance(i aptic.CreditInsurance) *graph.ApticCreditInsurance {
	return &graph.ApticCreditInsurance{InsuranceGUID: valueOf(i.InsuranceGUID), InsuranceDate: toGraphTime(i.InsuranceDate),
		InsuranceCompanyName: i.InsuranceCompanyName, InsuranceCompanyNumber: i.InsuranceCompanyNumber,
		InsuranceCompanyCustomerNumber: i.InsuranceCompanyCustomerNumber, Note: i.Note, EndDate: toGraphTime(i.EndDate),
		CurrencyCode: i.CurrencyCode, Amount: i.Amount, ExtraLimitAmount: i.ExtraLimitAmount,
		ExtraLimitEndDate: toGraphTime(i.ExtraLimitEndDate), PaymentTerm: toIntPtr(i.PaymentTerm), GraceDays: toIntPtr(i.GraceDays)}
}

func toGraphApticAction(a aptic.CustomerAction) *graph.ApticAction {
	out := &graph.ApticAction{ActionGUID: valueOf(a.ActionGUID), LoggedAt: toGraphTime(a.LoggedAt), ProcessAt: toGraphTime(a.ProcessAt),
		ActionItemCode: a.ActionItemCode, Message: a.Message, AllowPostpone: valueOf(a.AllowPostpone),
		ActionCategoryCode: a.ActionCategoryCode, ActionCategoryDescription: a.ActionCategoryDescription, Responses: []string{}}
	if a.Responses != nil {
		out.Responses = *a.Responses
	}
	return out
}

func toGraphApticOverview(o aptic.FinancialOverview) *graph.ApticFinancialOverview {
	return &graph.ApticFinancialOverview{
		TotalBalance: o.TotalBalance, AccountBalance: o.AccountBalance, CurrencyCode: o.CurrencyCode,
		UnsettledPaymentBalance: o.UnsettledPaymentBalance,
		Purchases: convertAll(valueOf(o.Purchases), func(p aptic.Purchase) *graph.ApticPurchase {
			return &graph.ApticPurchase{ReservationID: p.ReservationID, ClaimantReference: p.ClaimantReference,
				ClaimantName: p.ClaimantName, InvoiceNo: p.InvoiceNo, CreditorReference: p.CreditorReference,
				Description: p.Description, CurrencyCode: p.CurrencyCode, PurchaseAmount: p.PurchaseAmount,
				ActivatedAmount: p.ActivatedAmount, RemainingAmount: p.RemainingAmount, CampaignCode: p.CampaignCode,
				CampaignDescription: p.CampaignDescription, CustomerAccountNumber: p.CustomerAccountNumber,
				OriginalCampaignAmount: p.OriginalCampaignAmount, RemainingCampaignAmount: p.RemainingCampaignAmount,
				CampaignFee: p.CampaignFee, TotalNumberOfPayments: p.TotalNumberOfPayments,
				RemainingNumberOfPayments: p.RemainingNumberOfPayments, NextPeriodDate: toGraphTime(p.NextPeriodDate),
				NextPeriodAmount: p.NextPeriodAmount, LastPaymentDate: toGraphTime(p.LastPaymentDate),
				ExtraFields: convertAll(valueOf(p.ExtraFields), func(x aptic.ExtraFieldData) *graph.ApticExtraFieldData {
					return &graph.ApticExtraFieldData{Name: x.Name, Data: x.Data}
				})}
		}),
		Invoices: convertAll(valueOf(o.Invoices), func(i aptic.Invoice) *graph.ApticInvoice {
			return &graph.ApticInvoice{InvoiceDate: toGraphTime(i.InvoiceDate), DueDate: toGraphTime(i.DueDate),
				Description: i.Description, InvoiceNumber: i.InvoiceNumber, InvoiceGroupingReference: i.InvoiceGroupingReference,
				PaymentReferenceNumber: i.PaymentReferenceNumber, PaymentBankAccountNumber: i.PaymentBankAccountNumber,
				CurrencyCode: i.CurrencyCode, InvoiceAmount: i.InvoiceAmount, MinimumToPay: i.MinimumToPay,
				MinimumToPayIncludingCampaign: i.MinimumToPayIncludingCampaign, CustomerAccountInvoice: i.CustomerAccountInvoice,
				InvoiceStatus: i.InvoiceStatus, ReservationID: i.ReservationID}
		}),
		Accounts: convertAll(valueOf(o.Accounts), func(a aptic.CustomerAccount) *graph.ApticCustomerAccount {
			return &graph.ApticCustomerAccount{AccountNumber: a.AccountNumber, UniqueID: a.UniqueID, Description: a.Description,
				CurrencyCode: a.CurrencyCode, Balance: a.Balance}
		}),
		Guarantees: convertAll(valueOf(o.Guarantees), func(g aptic.Guarantee) *graph.ApticGuarantee {
			return &graph.ApticGuarantee{GuaranteeGUID: g.GuaranteeGUID, PledgeType: g.PledgeType, ReferenceNumber: g.ReferenceNumber,
				GuaranteeDate: toGraphTime(g.GuaranteeDate), OriginalGuaranteeAmount: g.OriginalGuaranteeAmount,
				GuaranteeAmount: g.GuaranteeAmount, Description: g.Description, Note: g.Note,
				ValidUntil: toGraphTime(g.ValidUntil), GuaranteeType: g.GuaranteeType}
		}),
		Collaterals: convertAll(valueOf(o.Collaterals), func(c aptic.Collateral) *graph.ApticCollateral {
			return &graph.ApticCollateral{CollateralGUID: c.CollateralGUID, PledgeType: c.PledgeType, ReferenceNumber: c.ReferenceNumber,
				PledgeDate: toGraphTime(c.PledgeDate), PledgeAmount: c.PledgeAmount, Description: c.Description, Note: c.Note,
				Insurer: c.Insurer, InsuranceNumber: c.InsuranceNumber, InsuredAmount: c.InsuredAmount,
				InsuranceExpiryDate: toGraphTime(c.InsuranceExpiryDate), Realized: c.Realized}
		}),
		// Who the related customers are, without their contact details (see ApticRelatedCustomer).
		MyGuarantors: convertAll(valueOf(o.MyGuarantors), func(g aptic.Guarantor) *graph.ApticRelatedCustomer {
			return &graph.ApticRelatedCustomer{CustomerGUID: g.GuarantorGUID, CustomerReference: g.CustomerReference,
				FullName: g.FullName, JuridicalType: toIntPtr(g.JuridicalType), CompanyType: g.CompanyType}
		}),
		GuaranteeFor: convertAll(valueOf(o.GuaranteeFor), func(g aptic.GuaranteedCustomer) *graph.ApticRelatedCustomer {
			return &graph.ApticRelatedCustomer{CustomerGUID: g.CustomerGUID, CustomerReference: g.CustomerReference,
				FullName: g.FullName, JuridicalType: toIntPtr(g.JuridicalType), CompanyType: g.CompanyType}
		}),
		AllRelatedCustomers: convertAll(valueOf(o.AllRelatedCustomers), func(g aptic.RelatedCustomer) *graph.ApticRelatedCustomer {
			return &graph.ApticRelatedCustomer{CustomerGUID: g.CustomerGUID, CustomerRoleCode: g.CustomerRoleCode,
				CustomerReference: g.CustomerReference, FullName: g.FullName, JuridicalType: toIntPtr(g.JuridicalType),
				CompanyType: g.CompanyType}
		}),
	}
}
