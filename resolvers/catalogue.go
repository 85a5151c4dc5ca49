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

// readAll reads a whole table through fetch and converts every row.
func readAll[Row, Out any](ctx context.Context, fetch func(context.Context) ([]Row, error), conv func(Row) Out) ([]Out, error) {
	rows, err := fetch(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Out, len(rows))
	for i, row := range rows {
		out[i] = conv(row)
	}
	return out, nil
}

func (r *Resolver) products(ctx context.Context) ([]*graph.Product, error) {
	return readAll(ctx, r.Store.Products, func(p postgres.ProductsRow) *graph.Product {
		return &graph.Product{
			ProductID: int(p.ID), ParentProductID: intPtr(p.ParentID), IsSellable: p.IsSellable,
			Name: p.Name, Description: p.Description, FikoArticleNumber: p.FikoArticleNumber,
			TaxCode: p.TaxCode, TaxPercentage: numericFloat(p.TaxPercentage), PriceInclTax: int(p.PriceInclTax),
			Duration:          isoDuration(p.Duration),
			ProductCategory:   &graph.ProductCategory{ProductCategoryID: int(p.ProductCategoryID), Name: p.ProductCategoryName},
			PackageTemplateID: p.PackageTemplateID, IsRenewable: p.IsRenewable,
			RequiresCustomerToken: p.RequiresCustomerToken, RequiresValidFrom: p.RequiresValidFrom,
			RequiresMandate: p.RequiresMandate, GboAgeProfileID: intPtr(p.GboAgeProfileID), TermsUrls: p.TermsUrls,
		}
	})
}

func (r *Resolver) orderStatuses(ctx context.Context) ([]*graph.OrderStatus, error) {
	return readAll(ctx, r.Store.OrderStatuses, func(s postgres.OrderStatus) *graph.OrderStatus {
		return &graph.OrderStatus{OrderStatusID: int(s.ID), Name: s.Name}
	})
}

func (r *Resolver) orderLineStatuses(ctx context.Context) ([]*graph.OrderLineStatus, error) {
	return readAll(ctx, r.Store.OrderLineStatuses, func(s postgres.OrderLineStatus) *graph.OrderLineStatus {
		return &graph.OrderLineStatus{OrderLineStatusID: int(s.ID), Name: s.Name}
	})
}

func (r *Resolver) salesTouchpoints(ctx context.Context) ([]*graph.SalesTouchpoint, error) {
	return readAll(ctx, r.Store.SalesTouchpoints, func(t postgres.SalesTouchpointsRow) *graph.SalesTouchpoint {
		return &graph.SalesTouchpoint{SalesTouchpointID: int(t.ID), Name: t.Name, IsActive: t.IsActive, RetailerID: int(t.RetailerID)}
	})
}

func (r *Resolver) gboAgeProfiles(ctx context.Context) ([]*graph.GboAgeProfile, error) {
	return readAll(ctx, r.Store.GboAgeProfiles, toGraphAgeProfile)
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

func (r *Resolver) challengeTypes(ctx context.Context) ([]*graph.Lookup, error) {
	return readAll(ctx, r.Store.ChallengeTypes, func(c postgres.ChallengeType) *graph.Lookup {
		return &graph.Lookup{ID: int(c.ID), Name: c.Name}
	})
}

func (r *Resolver) paymentMethods(ctx context.Context) ([]*graph.PaymentMethod, error) {
	return readAll(ctx, r.Store.PaymentMethods, func(m postgres.PaymentMethod) *graph.PaymentMethod {
		return &graph.PaymentMethod{PaymentMethodID: int(m.ID), Name: m.Name, Provider: m.Provider}
	})
}
