package sandbox

import (
	"strconv"
	"time"

	"ovgraph/adapters/sandbox/apticapi"
)

type demoPerson struct {
	number                            int
	first, middle, last, email, phone string
	born                              string
	street, houseNo, houseExt, zip    string
	iban                              string
}

// demoPeople are the first demo customers of adapters/postgres/seed/demo.sql.
var demoPeople = []demoPerson{
	{1000001, "Anna", "de", "Vries", "anna.vries1@example.nl", "+31688220482", "1970-03-13", "Lange Voorhout", "211", "A", "2573AA", "NL48ABNA1022121676"},
	{1000002, "Bram", "", "Jansen", "bram.jansen2@example.nl", "+31666978001", "1955-07-14", "Lange Voorhout", "142", "", "2498AB", "NL25INGB4169265501"},
	{1000003, "Chantal", "van", "Dijk", "chantal.dijk3@example.nl", "", "1990-11-19", "Prinsegracht", "12", "", "2512GA", ""},
	{1000004, "Daan", "", "Bakker", "daan.bakker4@example.nl", "", "1959-09-04", "Laan van Meerdervoort", "52", "", "2517AK", ""},
}

// htmCreditorIBAN is the operator's own account: the receiving side of every mandate.
const htmCreditorIBAN = "NL91ABNA0417164300"

// demoApticCustomers is Aptic's side of the demo customers; 1000001 has something in every
// list, 1000002 a smaller overview, the others a customer record and an address.
func demoApticCustomers(now time.Time) []*apticCustomer {
	now = now.UTC().Truncate(time.Second)
	ago := func(days int) *time.Time { t := now.AddDate(0, 0, -days); return &t }
	in := func(days int) *time.Time { t := now.AddDate(0, 0, days); return &t }
	eur := ptr("EUR")
	var out []*apticCustomer
	for _, p := range demoPeople {
		guid := ApticCustomerGUID(p.number)
		born, _ := time.Parse(time.DateOnly, p.born)
		full := p.first + " "
		if p.middle != "" {
			full += p.middle + " "
		}
		full += p.last
		c := &apticCustomer{guid: guid, customer: apticapi.Customer{
			CustomerGuid: ptr(guid), CustomerReference: ptr(strconv.Itoa(p.number)),
			JuridicalType: ptr(apticapi.JuridicalType(0)), DateOfBirth: &born, FullName: ptr(full),
			Firstname: ptr(p.first), Lastname: ptr(p.last), Email: ptr(p.email),
			LanguageCode: ptr("nl"), CurrencyCode: eur, CultureCode: ptr("nl-NL"),
			PreferredChannel: ptr("EMAIL"), InvoiceChannel: ptr("EMAIL"), UnderAged: ptr(false),
			RegDate: ago(400),
		}}
		if p.middle != "" {
			c.customer.Middlename = ptr(p.middle)
		}
		if p.phone != "" {
			c.customer.CellularPhone = ptr(p.phone)
		}
		ext := (*string)(nil)
		if p.houseExt != "" {
			ext = ptr(p.houseExt)
		}
		c.addAddress(apticapi.AddressDetails{
			AddressType: ptr("LEGAL"), Street: ptr(p.street), HouseNo: ptr(p.houseNo), HouseNoExtension: ext,
			ZipCode: ptr(p.zip), City: ptr("Den Haag"), CountryCode: ptr("NL"), DefaultAddress: ptr(true), ValidFrom: ago(400),
		}, now.AddDate(0, 0, -400))
		c.overview = emptyOverview(eur)
		out = append(out, c)
	}

	// 1000001: every list has something.
	c := out[0]
	c.addresses[0].AddressGuid = ptr("a0000001-0000-4000-8000-0000000a0001")
	c.addAddress(apticapi.AddressDetails{
		AddressType: ptr("BILLING"), FullName: ptr("A. de Vries"), Street: ptr("Lange Voorhout"), HouseNo: ptr("94"),
		ZipCode: ptr("2573AA"), City: ptr("Den Haag"), CountryCode: ptr("NL"), DefaultAddress: ptr(false), ValidFrom: ago(120),
	}, now.AddDate(0, 0, -120))
	c.addresses[1].AddressGuid = ptr("a0000002-0000-4000-8000-0000000a0001")
	c.extraFields = []apticapi.ExtraField{
		{Name: ptr("HTM_CUSTOMER_NUMBER"), Value: &[]string{"1000001"}},
		{Name: ptr("OVPAY_TOKENS"), Value: &[]string{"xtat-1000001-1"}},
	}
	c.partyParams = []apticapi.PartyParameter{
		{Name: ptr("DUNNING_LEVEL"), Type: ptr("INT"), Value: ptr("0"), Href: ptr("/v1/Customers/" + c.guid + "/PartyParameters/DUNNING_LEVEL")},
		{Name: ptr("PAYMENT_PLAN"), Type: ptr("BOOL"), Value: ptr("false"), Href: ptr("/v1/Customers/" + c.guid + "/PartyParameters/PAYMENT_PLAN")},
	}
	c.mandates = []apticapi.DirectDebitMandate{{
		MandateGuid: ptr("a0000003-0000-4000-8000-0000000a0001"), DirectDebitMandateType: ptr(int32(3)),
		ReferenceNo: ptr("HTM-MND-1000001"), BankAccountNo: ptr("NL48ABNA1022121676"),
		RequestedAt: ago(400), ApprovedAt: ago(399), SignedDate: ago(400), Validfrom: ago(399),
		Links: &[]apticapi.Link{c.link("DirectDebitMandates", "a0000003-0000-4000-8000-0000000a0001")},
	}}
	c.insurances = []apticapi.CreditInsurance{{
		InsuranceGuid: ptr("a0000004-0000-4000-8000-0000000a0001"), InsuranceDate: ago(300),
		InsuranceCompanyName: ptr("ATRADIUS"), InsuranceCompanyNumber: ptr("ATR-001"), InsuranceCompanyCustomerNumber: ptr("C-1000001"),
		Note: ptr("sandbox"), EndDate: in(65), CurrencyCode: eur, Amount: ptr(500.0), ExtraLimitAmount: ptr(100.0),
		ExtraLimitEndDate: in(30), PaymentTerm: ptr(int32(30)), GraceDays: ptr(int32(14)),
		Links: &[]apticapi.Link{c.link("CreditInsurances", "a0000004-0000-4000-8000-0000000a0001")},
	}}
	c.actions = []apticapi.CustomerAction{
		{
			ActionGuid: ptr("a0000005-0000-4000-8000-0000000a0001"), LoggedAt: ago(3), ProcessAt: in(4),
			ActionItemCode: ptr("CONFIRM_PLAN"), Message: ptr("Wilt u de betalingsregeling van 3 termijnen bevestigen?"),
			AllowPostpone: ptr(true), ActionCategoryCode: ptr("PAYMENTPLAN"), ActionCategoryDescription: ptr("Betalingsregeling"),
			Responses: &[]string{"ACCEPT", "DECLINE"}, Links: &[]apticapi.Link{c.link("Actions", "a0000005-0000-4000-8000-0000000a0001")},
		},
		{
			ActionGuid: ptr("a0000006-0000-4000-8000-0000000a0001"), LoggedAt: ago(1), ProcessAt: in(13),
			ActionItemCode: ptr("CONFIRM_ADDRESS"), Message: ptr("Klopt uw factuuradres nog?"),
			AllowPostpone: ptr(false), ActionCategoryCode: ptr("ADDRESS"), ActionCategoryDescription: ptr("Adrescontrole"),
			Responses: &[]string{"YES", "NO"}, Links: &[]apticapi.Link{c.link("Actions", "a0000006-0000-4000-8000-0000000a0001")},
		},
	}
	bram := out[1].customer
	c.overview = apticapi.FinancialOverview{
		TotalBalance: ptr(187.5), AccountBalance: ptr(62.5), UnsettledPaymentBalance: ptr(12.4), CurrencyCode: eur,
		Purchases: &[]apticapi.Purchase{{
			ReservationId: ptr(710001), ClaimantReference: ptr("HTM"), ClaimantName: ptr("HTM Personenvervoer"),
			InvoiceNo: ptr("INV-2026-000101"), CreditorReference: ptr("RF18539007547034"), Description: ptr("Jaarabonnement Haaglanden"),
			CurrencyCode: eur, PurchaseAmount: ptr(750.0), ActivatedAmount: ptr(750.0), RemainingAmount: ptr(125.0),
			CampaignCode: ptr("TERMIJN12"), CampaignDescription: ptr("12 maandtermijnen"), CustomerAccountNumber: ptr("1000001-01"),
			OriginalCampaignAmount: ptr(750.0), RemainingCampaignAmount: ptr(125.0), CampaignFee: ptr(0.0),
			TotalNumberOfPayments: ptr(12), RemainingNumberOfPayments: ptr(2),
			NextPeriodDate: in(10), NextPeriodAmount: ptr(62.5), LastPaymentDate: ago(20),
			ExtraFields: &[]apticapi.ExtraFieldData{{Name: ptr("PRODUCT"), Data: ptr("YEAR_SUBSCRIPTION")}},
		}},
		Invoices: &[]apticapi.Invoice{
			{
				InvoiceDate: ago(20), DueDate: in(10), Description: ptr("Termijn 10 van 12"), InvoiceNumber: ptr("INV-2026-000101-10"),
				InvoiceGroupingReference: ptr("1000001-2026"), PaymentReferenceNumber: ptr("RF18539007547034"),
				PaymentBankAccountNumber: ptr(htmCreditorIBAN), CurrencyCode: eur, InvoiceAmount: ptr(62.5),
				MinimumToPay: ptr(62.5), MinimumToPayIncludingCampaign: ptr(62.5), CustomerAccountInvoice: ptr(true),
				InvoiceStatus: ptr(1), ReservationId: ptr(710001),
			},
			{
				InvoiceDate: ago(35), DueDate: ago(5), Description: ptr("Reizen op rekening, vorige maand"), InvoiceNumber: ptr("INV-2026-000188"),
				PaymentReferenceNumber: ptr("RF71000000000188"), PaymentBankAccountNumber: ptr(htmCreditorIBAN), CurrencyCode: eur,
				InvoiceAmount: ptr(12.4), MinimumToPay: ptr(12.4), MinimumToPayIncludingCampaign: ptr(12.4),
				CustomerAccountInvoice: ptr(false), InvoiceStatus: ptr(2),
			},
		},
		Accounts: &[]apticapi.CustomerAccount{{AccountNumber: ptr("1000001-01"), UniqueId: ptr("acc-1000001-01"), Description: ptr("Abonnementen"), CurrencyCode: eur, Balance: ptr(62.5)}},
		Guarantees: &[]apticapi.Guarantee{{
			GuaranteeGuid: ptr("a0000007-0000-4000-8000-0000000a0001"), PledgeType: ptr(1), ReferenceNumber: ptr("GAR-1000001"),
			GuaranteeDate: ago(380), OriginalGuaranteeAmount: ptr(250.0), GuaranteeAmount: ptr(125.0),
			Description: ptr("Borgstelling jaarabonnement"), ValidUntil: in(180), GuaranteeType: ptr(1),
		}},
		Collaterals: &[]apticapi.Collateral{{
			CollateralGuid: ptr("a0000008-0000-4000-8000-0000000a0001"), PledgeType: ptr(2), ReferenceNumber: ptr("COL-1000001"),
			PledgeDate: ago(380), PledgeAmount: ptr(100.0), Description: ptr("Waarborgsom OV-pas"), Insurer: ptr("ATRADIUS"),
			InsuranceNumber: ptr("ATR-COL-1"), InsuredAmount: ptr(100.0), InsuranceExpiryDate: in(200), Realized: ptr(false),
		}},
		MyGuarantors: &[]apticapi.Guarantor{{
			GuarantorGuid: bram.CustomerGuid, CustomerReference: bram.CustomerReference, JuridicalType: bram.JuridicalType,
			DateOfBirth: bram.DateOfBirth, FullName: bram.FullName, Email: bram.Email, LanguageCode: bram.LanguageCode, CurrencyCode: eur,
		}},
		GuaranteeFor: &[]apticapi.GuaranteedCustomer{},
		AllRelatedCustomers: &[]apticapi.RelatedCustomer{{
			CustomerGuid: bram.CustomerGuid, CustomerRoleCode: ptr("GUARANTOR"), CustomerReference: bram.CustomerReference,
			JuridicalType: bram.JuridicalType, DateOfBirth: bram.DateOfBirth, FullName: bram.FullName, Email: bram.Email,
			LanguageCode: bram.LanguageCode, CurrencyCode: eur,
		}},
	}
	c.loans = []apticapi.Loan{{
		LoanGuid: ptr("a0000009-0000-4000-8000-0000000a0001"), LoanNumber: ptr("L-1000001-1"),
		Periods: &[]apticapi.LoanPeriod{{
			LoanType: ptr("INSTALMENT"), InterestCode: ptr("ZERO"), InterestMarginCode: ptr("NONE"), InterestRate: ptr(0.0),
			InterestFrom: ago(380), InterestTo: in(10), Days: ptr(390), PrincipalAmount: ptr(750.0), AccruedInterest: ptr(0.0),
		}},
	}}

	// 1000002 guarantees for 1000001 and has one invoice.
	anna := c.customer
	b := out[1]
	b.overview.TotalBalance, b.overview.AccountBalance = ptr(8.2), ptr(8.2)
	b.overview.Invoices = &[]apticapi.Invoice{{
		InvoiceDate: ago(12), DueDate: in(18), Description: ptr("Reizen op rekening"), InvoiceNumber: ptr("INV-2026-000205"),
		PaymentReferenceNumber: ptr("RF39000000000205"), PaymentBankAccountNumber: ptr(htmCreditorIBAN), CurrencyCode: eur,
		InvoiceAmount: ptr(8.2), MinimumToPay: ptr(8.2), MinimumToPayIncludingCampaign: ptr(8.2), CustomerAccountInvoice: ptr(false), InvoiceStatus: ptr(1),
	}}
	b.overview.GuaranteeFor = &[]apticapi.GuaranteedCustomer{{
		CustomerGuid: anna.CustomerGuid, CustomerReference: anna.CustomerReference, JuridicalType: anna.JuridicalType,
		DateOfBirth: anna.DateOfBirth, FullName: anna.FullName, Email: anna.Email, LanguageCode: anna.LanguageCode, CurrencyCode: eur,
	}}
	b.overview.AllRelatedCustomers = &[]apticapi.RelatedCustomer{{
		CustomerGuid: anna.CustomerGuid, CustomerRoleCode: ptr("GUARANTEED"), CustomerReference: anna.CustomerReference,
		JuridicalType: anna.JuridicalType, DateOfBirth: anna.DateOfBirth, FullName: anna.FullName, Email: anna.Email,
		LanguageCode: anna.LanguageCode, CurrencyCode: eur,
	}}
	b.mandates = []apticapi.DirectDebitMandate{{
		MandateGuid: ptr("a0000003-0000-4000-8000-0000000a0002"), DirectDebitMandateType: ptr(int32(3)),
		ReferenceNo: ptr("HTM-MND-1000002"), BankAccountNo: ptr("NL25INGB4169265501"), RequestedAt: ago(2),
		Links: &[]apticapi.Link{b.link("DirectDebitMandates", "a0000003-0000-4000-8000-0000000a0002")},
	}}

	return out
}
