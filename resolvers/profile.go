package resolvers

import (
	"context"

	"ovgraph/graph"
)

// The SE APIs name the profile an operation acts on by who calls: a customer token acts on the
// customer's own profile, staff and touchpoints name it (X-HTM-CUSTOMER-PROFILE-ID-HEADER, which
// the REST routes pass as the customerProfileId argument). actingProfile is that rule, once.

var errNoProfile = graph.InputError("customerProfileId",
	"customerProfileId is required: name the profile (X-HTM-CUSTOMER-PROFILE-ID-HEADER), or act as the customer with the customer's token.")

// actingProfile returns the key of the profile an SE operation acts on. A customer acts on its
// own profile: an argument naming another one is NOT_FOUND, as is a customer without a profile.
// Other callers must name it, by argument or, for staff, by the profile header; a profile that
// does not exist is NOT_FOUND.
func (r *Resolver) actingProfile(ctx context.Context, customerProfileID *int) (int64, error) {
	caller := graph.CallerFrom(ctx)
	if caller.Kind() == graph.CallerCustomer {
		me, found, err := r.selfProfile(ctx)
		if err != nil {
			return 0, err
		}
		if !found || (customerProfileID != nil && int64(*customerProfileID) != me.ID) {
			return 0, graph.NotFound()
		}
		return me.ID, nil
	}
	id := caller.StaffProfileID
	if customerProfileID != nil {
		id = int64(*customerProfileID)
	}
	if id == 0 {
		return 0, errNoProfile
	}
	c, err := loadersFor(ctx).customerByID.Load(ctx, id)()
	if err != nil {
		return 0, err
	}
	if c == nil {
		return 0, graph.NotFound()
	}
	return id, nil
}

// customerProfile is the profile an SE operation acts on, as a graph object.
func (r *Resolver) customerProfile(ctx context.Context, customerProfileID *int) (*graph.Customer, error) {
	id, err := r.actingProfile(ctx, customerProfileID)
	if err != nil {
		return nil, err
	}
	return loadersFor(ctx).customerByID.Load(ctx, id)()
}
