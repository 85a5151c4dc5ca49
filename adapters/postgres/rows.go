package postgres

import "time"

// Customer is a row of customer_view: a profile with its person and the names of its lookups.
type Customer struct {
	ID                int64      `db:"id"`
	CustomerNumber    int64      `db:"customer_number"`
	DebtorNumber      *string    `db:"debtor_number"`
	DebtorStatusID    *int32     `db:"debtor_status_id"`
	DebtorStatusName  *string    `db:"debtor_status_name"`
	VasCustomerNumber *string    `db:"vas_customer_number"`
	LanguageID        *int32     `db:"language_id"`
	LanguageName      *string    `db:"language_name"`
	Created           time.Time  `db:"created"`
	Birthname         *string    `db:"birthname"`
	Surname           *string    `db:"surname"`
	Prefix            *string    `db:"prefix"`
	Suffix            *string    `db:"suffix"`
	DateOfBirth       *time.Time `db:"date_of_birth"`
	EmailAddress      *string    `db:"email_address"`
	CurrentStatus     *string    `db:"current_status"`
}

// CustomerPage is one search result row with the number of matches across all pages and whether
// a match precedes the page (at or before its after cursor).
type CustomerPage struct {
	Customer
	TotalCount  int64 `db:"total_count"`
	HasPrevious bool  `db:"has_previous"`
}

// CustomerEdit is the writable part of a profile, locked for update.
type CustomerEdit struct {
	ID             int64      `db:"id"`
	CustomerNumber int64      `db:"customer_number"`
	DebtorStatusID *int32     `db:"debtor_status_id"`
	LanguageID     *int32     `db:"language_id"`
	Birthname      *string    `db:"birthname"`
	Surname        *string    `db:"surname"`
	Prefix         *string    `db:"prefix"`
	Suffix         *string    `db:"suffix"`
	DateOfBirth    *time.Time `db:"date_of_birth"`
	EmailAddress   *string    `db:"email_address"`
}

// Status is one entry of a profile's status history.
type Status struct {
	CustomerProfileID int64      `db:"customer_profile_id"`
	Name              string     `db:"name"`
	FromInclusive     time.Time  `db:"from_inclusive"`
	ToInclusive       *time.Time `db:"to_inclusive"`
}

// CurrentStatus is the open status of a profile.
type CurrentStatus struct {
	ID           int64  `db:"id"`
	StatusTypeID int32  `db:"status_type_id"`
	Name         string `db:"name"`
	// DecidedBy is the kind of caller that set the status: application, staff or customer.
	DecidedBy string `db:"decided_by"`
}

// Self is the profile an identity provider's subject owns.
type Self struct {
	ID             int64 `db:"id"`
	CustomerNumber int64 `db:"customer_number"`
}

// Lookup is an entry of a lookup table.
type Lookup struct {
	ID   int32  `db:"id"`
	Name string `db:"name"`
}

// StatusType is a customer status with the statuses it may move to.
type StatusType struct {
	Name        string   `db:"name"`
	AllowedNext []string `db:"allowed_next"`
}

type Address struct {
	ID                int64   `db:"id"`
	CustomerProfileID int64   `db:"customer_profile_id"`
	Street            string  `db:"street"`
	HouseNumber       int32   `db:"house_number"`
	HouseNumberSuffix *string `db:"house_number_suffix"`
	PostalCode        string  `db:"postal_code"`
	City              string  `db:"city"`
	Country           string  `db:"country"`
	AddressTypeID     int32   `db:"address_type_id"`
	AddressType       string  `db:"address_type"`
	IsPreferred       bool    `db:"is_preferred"`
}

type Phone struct {
	ID                int64  `db:"id"`
	CustomerProfileID int64  `db:"customer_profile_id"`
	Number            string `db:"number"`
	CountryCode       string `db:"country_code"`
	PhoneTypeID       int32  `db:"phone_type_id"`
	PhoneType         string `db:"phone_type"`
	IsPreferred       bool   `db:"is_preferred"`
}

type ChipCard struct {
	ID                int64      `db:"id"`
	CustomerProfileID int64      `db:"customer_profile_id"`
	ChipCardNumber    int64      `db:"chip_card_number"`
	ValidUntil        *time.Time `db:"valid_until"`
	Alias             *string    `db:"alias"`
}

type Token struct {
	ID                int64      `db:"id"`
	CustomerProfileID int64      `db:"customer_profile_id"`
	TokenTypeID       int32      `db:"token_type_id"`
	TokenType         string     `db:"token_type"`
	TokenStatusID     int32      `db:"token_status_id"`
	TokenStatus       string     `db:"token_status"`
	XTat              *string    `db:"x_tat"`
	XBot              *string    `db:"x_bot"`
	Alias             *string    `db:"alias"`
	LastDigits        *string    `db:"last_digits"`
	OvpasNumber       *string    `db:"ovpas_number"`
	ExpirationDate    *time.Time `db:"expiration_date"`
	ReplacedByTokenID *int64     `db:"replaced_by_token_id"`
	// StatusDecidedBy is the kind of caller that set the status: application, staff or customer.
	StatusDecidedBy string `db:"status_decided_by"`
}

type Billing struct {
	ID                int64     `db:"id"`
	CustomerProfileID int64     `db:"customer_profile_id"`
	Iban              string    `db:"iban"`
	Bic               *string   `db:"bic"`
	Ascription        string    `db:"ascription"`
	Alias             string    `db:"alias"`
	BillingAddressID  *int64    `db:"billing_address_id"`
	Created           time.Time `db:"created"`
}

type Mandate struct {
	ID                   int64     `db:"id"`
	CustomerProfileID    int64     `db:"customer_profile_id"`
	MandateTypeID        int32     `db:"mandate_type_id"`
	MandateTypeName      string    `db:"mandate_type_name"`
	BillingInformationID int64     `db:"billing_information_id"`
	MandateReference     string    `db:"mandate_reference"`
	MandateState         string    `db:"mandate_state"`
	Created              time.Time `db:"created"`
	UpdateTimestamp      time.Time `db:"update_timestamp"`
}

type Audit struct {
	ID                int64     `db:"id"`
	CustomerProfileID *int64    `db:"customer_profile_id"`
	Action            string    `db:"action"`
	Entity            string    `db:"entity"`
	EntityID          *int64    `db:"entity_id"`
	User              string    `db:"user"`
	Timestamp         time.Time `db:"timestamp"`
	CorrelationID     string    `db:"correlation_id"`
}

// AuditEntry is what a write records: who did what to which entity, under which correlation id.
type AuditEntry struct {
	CustomerProfileID int64
	Action            string // insert, update or delete
	Entity            string
	EntityID          int64
	User              string
	CorrelationID     string
	// Detail is stored as JSON: the fields the write set (never secrets).
	Detail any
}
