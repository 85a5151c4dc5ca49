package resolvers

import (
	"strconv"
	"time"

	"ovgraph/adapters/postgres"
	"ovgraph/graph"
)

// GBO age profiles: the one profile (gbo_age_profile) that holds for a holder on a day follows
// from the holder's age in whole years on that day. The gboAgeProfile query and the age rule of
// order lines (PERSONAL_ACCOUNT_DATA_AGE_PROFILE_MISMATCH) both compute it here.

// dayOf is the calendar day (in Dutch time) an instant falls on, as a date: midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.In(graph.Amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ageOn is the age in whole years on day of someone born on birthdate (both dates, as the database
// and the Date scalar give them: midnight UTC). The birthday counts on the day itself; someone born
// on 29 February is a year older on 1 March of a common year.
func ageOn(birthdate, day time.Time) int {
	by, bm, bd := birthdate.UTC().Date()
	y, m, d := day.UTC().Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}

// ageProfileFor is the profile whose range holds age; false when none does (an age below the
// youngest profile's, such as that of a birthdate after the day).
func ageProfileFor(profiles []postgres.GboAgeProfile, age int) (postgres.GboAgeProfile, bool) {
	for _, p := range profiles {
		if int(p.AgeFromInclusive) <= age && age <= int(p.AgeToInclusive) {
			return p, true
		}
	}
	return postgres.GboAgeProfile{}, false
}

// ageRange names a profile as the findings do: "19-64".
func ageRange(p postgres.GboAgeProfile) string {
	return strconv.Itoa(int(p.AgeFromInclusive)) + "-" + strconv.Itoa(int(p.AgeToInclusive))
}
