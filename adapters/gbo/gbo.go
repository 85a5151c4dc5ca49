// Package gbo is ovgraph's view of GBO, the national OVpay back office that holds the cards: their
// xTat/xBot, how touchpoints name them (an EMV card by service reference and amount, an OV-pas by
// number and verification code), their expiry, personal account data (PAD), e-purse and
// auto-reload registration, and which token types can carry which product templates. GBO is not
// ours: the graph reaches it only through Backoffice, so a real GBO client can replace the
// PostgreSQL-backed stand-in (postgres.GBO) that the demo data seeds.
package gbo

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is the answer for a card GBO does not know.
var ErrNotFound = errors.New("gbo: card not found")

// ErrUnavailable wraps every failure to reach GBO.
var ErrUnavailable = errors.New("gbo: unavailable")

// CardQuery names one card the ways touchpoints do: exactly one of XTat, XBot,
// ServiceReferenceID with Amount, or OvpasNumber with VerificationCode.
type CardQuery struct {
	XTat               string
	XBot               string
	ServiceReferenceID string
	Amount             *int
	OvpasNumber        string
	VerificationCode   string
}

// PadAttribute is one attribute of personal account data (name, birthdate or photo).
type PadAttribute struct {
	InaccuracyFlag              bool
	InaccuracyFlagReason        *string
	InaccuracyFlagSetCounter    int
	IsValidated                 bool
	ChangeCounter               int
	MaxUpdatesVerificationCount int
	LastChangeDate              time.Time
}

// PersonalAccountData is a card's PAD; an attribute that is not registered is nil.
type PersonalAccountData struct {
	Name, Birthdate, Photo *PadAttribute
}

// Empty tells whether no attribute is registered.
func (p PersonalAccountData) Empty() bool {
	return p.Name == nil && p.Birthdate == nil && p.Photo == nil
}

// EPurse is a card's stored value.
type EPurse struct {
	Status     string // ACTIVE or INACTIVE
	Currency   string
	Amount     int // cents
	OriginDate *time.Time
}

// AutoReload is a card's automatic reload registration.
type AutoReload struct {
	Amount              int // cents
	RetailerReferenceID *string
	Arrit               *string
	Status              string
	Start               *time.Time
}

// Card is a card as GBO knows it.
type Card struct {
	XTat           string
	XBot           string
	TokenTypeID    int
	OvpasNumber    *string
	LastDigits     *string
	ExpirationDate time.Time
	// AgeProfile is GBO's age profile of the holder ('Volwassene', ...); nil when unknown.
	AgeProfile *string
	// Birthdate is the value of the PAD's birthdate (a date); nil when GBO knows none.
	Birthdate  *time.Time
	PAD        PersonalAccountData
	EPurse     *EPurse
	AutoReload *AutoReload
}

// Backoffice is what ovgraph asks of GBO.
type Backoffice interface {
	// FindCard returns the one card q names; ErrNotFound when GBO knows none.
	FindCard(ctx context.Context, q CardQuery) (Card, error)
	// Cards returns the cards with these xTats that GBO knows, in no particular order; unknown
	// xTats are left out. One call per batch: loaders use it.
	Cards(ctx context.Context, xTats []string) ([]Card, error)
	// NotCarried returns those of the package templates that a token of the given type cannot
	// carry; an unknown template cannot be carried.
	NotCarried(ctx context.Context, packageTemplateIDs []string, tokenTypeID int) ([]string, error)
	// MoveCardData moves what a transfer carries from one card to another: the personal account
	// data, the e-purse balance and the auto-reload registration. Once moved, moving again changes
	// nothing, so a transfer that is retried after a crash can call it again.
	MoveCardData(ctx context.Context, fromXTat, toXTat string) error
}
