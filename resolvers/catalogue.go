package resolvers

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// The catalogue of the SE orders API: the product tree and the lookups orders refer to, all
// seeded by the migrations (README: "Seeded catalogue").

func (r *Resolver) products(ctx context.Context) ([]*graph.Product, error) {
	rows, err := r.Store.Products(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Product, len(rows))
	for i, p := range rows {
		out[i] = &graph.Product{
			ProductID: int(p.ID), ParentProductID: intPtr(p.ParentID), IsSellable: p.IsSellable,
			Name: p.Name, Description: p.Description, FikoArticleNumber: p.FikoArticleNumber,
			TaxCode: p.TaxCode, TaxPercentage: numericFloat(p.TaxPercentage), PriceInclTax: int(p.PriceInclTax),
			Duration:          isoDuration(p.Duration),
			ProductCategory:   &graph.ProductCategory{ProductCategoryID: int(p.ProductCategoryID), Name: p.ProductCategoryName},
			PackageTemplateID: p.PackageTemplateID, IsRenewable: p.IsRenewable,
			RequiresCustomerToken: p.RequiresCustomerToken, RequiresValidFrom: p.RequiresValidFrom,
			RequiresMandate: p.RequiresMandate, GboAgeProfileID: intPtr(p.GboAgeProfileID), TermsUrls: p.TermsUrls,
		}
	}
	return out, nil
}

func (r *Resolver) orderStatuses(ctx context.Context) ([]*graph.OrderStatus, error) {
	rows, err := r.Store.OrderStatuses(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.OrderStatus, len(rows))
	for i, s := range rows {
		out[i] = &graph.OrderStatus{OrderStatusID: int(s.ID), Name: s.Name}
	}
	return out, nil
}

func (r *Resolver) orderLineStatuses(ctx context.Context) ([]*graph.OrderLineStatus, error) {
	rows, err := r.Store.OrderLineStatuses(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.OrderLineStatus, len(rows))
	for i, s := range rows {
		out[i] = &graph.OrderLineStatus{OrderLineStatusID: int(s.ID), Name: s.Name}
	}
	return out, nil
}

func (r *Resolver) salesTouchpoints(ctx context.Context) ([]*graph.SalesTouchpoint, error) {
	rows, err := r.Store.SalesTouchpoints(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.SalesTouchpoint, len(rows))
	for i, t := range rows {
		out[i] = &graph.SalesTouchpoint{SalesTouchpointID: int(t.ID), Name: t.Name, IsActive: t.IsActive, RetailerID: int(t.RetailerID)}
	}
	return out, nil
}

func (r *Resolver) gboAgeProfiles(ctx context.Context) ([]*graph.GboAgeProfile, error) {
	rows, err := r.Store.GboAgeProfiles(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*graph.GboAgeProfile, len(rows))
	for i, p := range rows {
		out[i] = toGraphAgeProfile(p)
	}
	return out, nil
}

func toGraphAgeProfile(p postgres.GboAgeProfile) *graph.GboAgeProfile {
	return &graph.GboAgeProfile{GboAgeProfileID: int(p.ID), Name: p.Name,
		AgeFromInclusive: int(p.AgeFromInclusive), AgeToInclusive: int(p.AgeToInclusive)}
}

// numericFloat is a NUMERIC column (a tax percentage) as a float; the column is never null.
func numericFloat(n pgtype.Numeric) float64 {
	f, err := n.Float64Value()
	if err != nil {
		return 0
	}
	return f.Float64
}

// isoDuration writes an interval as an ISO 8601 duration ('P1M', 'P1Y2M3DT4H'); null stays null.
func isoDuration(d pgtype.Interval) *string {
	if !d.Valid {
		return nil
	}
	var b strings.Builder
	b.WriteString("P")
	if y := d.Months / 12; y != 0 {
		fmt.Fprintf(&b, "%dY", y)
	}
	if m := d.Months % 12; m != 0 {
		fmt.Fprintf(&b, "%dM", m)
	}
	if d.Days != 0 {
		fmt.Fprintf(&b, "%dD", d.Days)
	}
	if us := d.Microseconds; us != 0 {
		secs := us / 1_000_000
		b.WriteString("T")
		if h := secs / 3600; h != 0 {
			fmt.Fprintf(&b, "%dH", h)
		}
		if m := secs % 3600 / 60; m != 0 {
			fmt.Fprintf(&b, "%dM", m)
		}
		if s := secs % 60; s != 0 {
			fmt.Fprintf(&b, "%dS", s)
		}
	}
	if b.Len() == 1 {
		b.WriteString("T0S")
	}
	s := b.String()
	return &s
}
