-- Demo data for `make run`: 36 customers with persons, addresses, phones, OV-chipkaarten, OVpay
-- tokens, billing information and mandates. Loaded in one transaction, once: it does nothing when
-- customer 1000001 exists. IBANs pass the mod-97 check. Each demo customer N logs in with the
-- identity provider subject demo-N (postgres.DemoSubject).
DO $$
BEGIN
IF EXISTS (SELECT 1 FROM customer_profile WHERE customer_number = 1000001) THEN RETURN; END IF;
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000001, 'DEB1000001', 2, 'VAS1000001', 2, 'Vries', 'Vries', 'de', '1970-03-13', 'anna.vries1@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 1, now() - interval '400 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 'Lange Voorhout', 211, 'A', '2573AA', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 'Lange Voorhout', 94, '2573AA', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), '0688220482', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), '0701973060', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 1, 2, 'xtat-1000001-1', 'xbot-1000001-1', 'Bankpas', '9313', '2028-01-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 'NL48ABNA1022121676', 'ABNANL2A', 'Anna Vries', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000001)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000001)), 'HTM-MND-1000001', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000001), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000001), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000002, 'DEB1000002', 1, 'VAS1000002', 1, 'Jansen', 'Jansen', NULL, '1955-07-14', 'bram.jansen2@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 1, now() - interval '399 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 'Lange Voorhout', 142, NULL, '2498AB', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), '0666978001', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 3528000000001111, '2027-02-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 1, 2, 'xtat-1000002-1', 'xbot-1000002-1', 'Bankpas', '1968', '2028-02-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 2, 2, 'xtat-1000002-2', 'xbot-1000002-2', 'OV-pas', '3028', 'OV340001');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 'NL25INGB4169265501', 'INGBNL2A', 'Bram Jansen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000002)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000002)), 'HTM-MND-1000002', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000002), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000002), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000003, 'DEB1000003', 1, 'VAS1000003', 1, 'Dijk', 'Dijk', 'van', '1990-11-19', 'chantal.dijk3@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 1, now() - interval '398 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 'Grote Marktstraat', 13, NULL, '2497EK', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 'Laan van Meerdervoort', 12, '2497EK', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), '0684714297', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 1, 2, 'xtat-1000003-1', 'xbot-1000003-1', 'Bankpas', '3181', '2028-03-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 'NL67RABO5638829718', 'RABONL2U', 'Chantal Dijk', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000003)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000003)), 'HTM-MND-1000003', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000003), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000004, 'DEB1000004', 2, 'VAS1000004', 1, 'Bakker', 'Bakker', NULL, '1959-09-04', 'daan.bakker4@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 1, now() - interval '397 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 'Prinsegracht', 27, NULL, '2563BC', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), '0688061052', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), '0704151952', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 3528000000003333, '2027-04-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 1, 2, 'xtat-1000004-1', 'xbot-1000004-1', 'Bankpas', '7101', '2028-04-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 'NL08TRIO9108395730', 'TRIONL2U', 'Daan Bakker', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000004)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000004)), 'HTM-MND-1000004', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000004), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000004), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000005, 'DEB1000005', 1, 'VAS1000005', 2, 'Berg', 'Berg', 'van der', '1995-02-19', 'eva.berg5@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 1, now() - interval '396 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 'Laan van Meerdervoort', 128, NULL, '2497EK', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 'Grote Marktstraat', 199, '2497EK', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), '0652164119', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 1, 2, 'xtat-1000005-1', 'xbot-1000005-1', 'Bankpas', '8628', '2028-05-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 2, 2, 'xtat-1000005-2', 'xbot-1000005-2', 'OV-pas', '8424', 'OV340004');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 'NL21SNSB5947951704', 'SNSBNL2A', 'Eva Berg', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000005)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000005)), 'HTM-MND-1000005', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000005), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000005), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000006, 'DEB1000006', 1, 'VAS1000006', 1, 'Visser', 'Visser', NULL, '1965-03-23', 'finn.visser6@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 1, now() - interval '395 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 'Lange Voorhout', 148, 'A', '2589AB', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), '0650298754', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 3528000000005555, '2027-06-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 1, 2, 'xtat-1000006-1', 'xbot-1000006-1', 'Bankpas', '9604', '2028-06-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 'NL88ASNB6322695482', 'ASNBNL21', 'Finn Visser', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000006)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000006)), 'HTM-MND-1000006', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000006), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000006), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000007, 'DEB1000007', 2, 'VAS1000007', 1, 'Smit', 'Smit', NULL, '1988-02-04', 'greetje.smit7@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 1, now() - interval '394 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 'Prinsegracht', 194, NULL, '2555CD', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 'Scheveningseweg', 39, '2555CD', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), '0675627516', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), '0708074924', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 1, 2, 'xtat-1000007-1', 'xbot-1000007-1', 'Bankpas', '1642', '2028-07-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 'NL45ABNA7909768138', 'ABNANL2A', 'Greetje Smit', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000007)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000007)), 'HTM-MND-1000007', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000007), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000007), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000008, 'DEB1000008', 1, 'VAS1000008', 1, 'Boer', 'Boer', 'de', '1971-12-12', 'hugo.boer8@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 1, now() - interval '393 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 'Zeestraat', 18, NULL, '2566CD', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), '0622562241', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 3528000000007777, '2027-08-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 1, 2, 'xtat-1000008-1', 'xbot-1000008-1', 'Bankpas', '5422', '2028-08-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 2, 2, 'xtat-1000008-2', 'xbot-1000008-2', 'OV-pas', '8767', 'OV340007');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 'NL13INGB0379172786', 'INGBNL2A', 'Hugo Boer', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000008)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000008)), 'HTM-MND-1000008', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000008), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000008), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000009, 'DEB1000009', 1, 'VAS1000009', 2, 'Mulder', 'Mulder', NULL, '1996-12-10', 'iris.mulder9@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 1, now() - interval '392 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 'Zeestraat', 73, NULL, '2572EK', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 'Grote Marktstraat', 228, '2572EK', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), '0699745048', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 1, 2, 'xtat-1000009-1', 'xbot-1000009-1', 'Bankpas', '6685', '2028-09-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 'NL66RABO6377933458', 'RABONL2U', 'Iris Mulder', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000009)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000009)), 'HTM-MND-1000009', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000009), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000009), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000010, 'DEB1000010', 2, 'VAS1000010', 1, 'Groot', 'Groot', 'de', '1960-10-04', 'jelle.groot10@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 1, now() - interval '391 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 'Laan van Meerdervoort', 197, NULL, '2553AA', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), '0648578460', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), '0703169968', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 3528000000009999, '2027-01-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 1, 2, 'xtat-1000010-1', 'xbot-1000010-1', 'Bankpas', '5056', '2028-01-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 'NL67TRIO6103924816', 'TRIONL2U', 'Jelle Groot', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000010)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000010)), 'HTM-MND-1000010', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000010), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000010), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000011, 'DEB1000011', 1, 'VAS1000011', 1, 'Bos', 'Bos', NULL, '2005-08-03', 'kim.bos11@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 1, now() - interval '390 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 'Grote Marktstraat', 141, 'A', '2511CD', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 'Frederik Hendriklaan', 227, '2511CD', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), '0628377915', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 1, 2, 'xtat-1000011-1', 'xbot-1000011-1', 'Bankpas', '8053', '2028-02-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 2, 2, 'xtat-1000011-2', 'xbot-1000011-2', 'OV-pas', '5561', 'OV340010');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 'NL72SNSB7428918074', 'SNSBNL2A', 'Kim Bos', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000011)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000011)), 'HTM-MND-1000011', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000011), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000011), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000012, 'DEB1000012', 1, 'VAS1000012', 1, 'Leeuwen', 'Leeuwen', 'van', '1972-11-13', 'lars.leeuwen12@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 1, now() - interval '389 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 'Lange Voorhout', 46, NULL, '2519AB', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), '0630306925', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 3528000000012221, '2027-03-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 1, 2, 'xtat-1000012-1', 'xbot-1000012-1', 'Bankpas', '4800', '2028-03-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 'NL48ASNB2928307593', 'ASNBNL21', 'Lars Leeuwen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000012)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000012)), 'HTM-MND-1000012', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000012), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000012), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000013, 'DEB1000013', 2, 'VAS1000013', 2, 'Vries', 'Vries', 'de', '1950-08-27', 'mila.vries13@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 1, now() - interval '388 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 'Frederik Hendriklaan', 73, NULL, '2565AB', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 'Spui', 38, '2565AB', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), '0666230047', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), '0709968948', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 1, 2, 'xtat-1000013-1', 'xbot-1000013-1', 'Bankpas', '7049', '2028-04-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 'NL89ABNA9228916518', 'ABNANL2A', 'Mila Vries', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000013)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000013)), 'HTM-MND-1000013', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000013), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000013), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000014, 'DEB1000014', 1, 'VAS1000014', 1, 'Jansen', 'Jansen', NULL, '2004-09-20', 'noah.jansen14@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 1, now() - interval '387 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 'Spui', 117, NULL, '2573GH', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), '0685064182', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 3528000000014443, '2027-05-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 1, 2, 'xtat-1000014-1', 'xbot-1000014-1', 'Bankpas', '7428', '2028-05-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 2, 2, 'xtat-1000014-2', 'xbot-1000014-2', 'OV-pas', '7521', 'OV340013');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 'NL81INGB6108568324', 'INGBNL2A', 'Noah Jansen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000014)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000014)), 'HTM-MND-1000014', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000014), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000014), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000015, 'DEB1000015', 1, 'VAS1000015', 1, 'Dijk', 'Dijk', 'van', '1956-08-21', 'olga.dijk15@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 1, now() - interval '386 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 'Laan van Meerdervoort', 18, NULL, '2541AA', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 'Laan van Meerdervoort', 113, '2541AA', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), '0631783965', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 1, 2, 'xtat-1000015-1', 'xbot-1000015-1', 'Bankpas', '2801', '2028-06-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 'NL71RABO0325810525', 'RABONL2U', 'Olga Dijk', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000015)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000015)), 'HTM-MND-1000015', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000015), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000015), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000016, 'DEB1000016', 2, 'VAS1000016', 1, 'Bakker', 'Bakker', NULL, '1950-10-05', 'pieter.bakker16@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 1, now() - interval '385 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 'Scheveningseweg', 158, 'A', '2558AA', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), '0613422671', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), '0702179699', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 3528000000016665, '2027-07-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 1, 2, 'xtat-1000016-1', 'xbot-1000016-1', 'Bankpas', '4407', '2028-07-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 'NL98TRIO7032373532', 'TRIONL2U', 'Pieter Bakker', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000016)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000016)), 'HTM-MND-1000016', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000016), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000016), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000017, 'DEB1000017', 1, 'VAS1000017', 2, 'Berg', 'Berg', 'van der', '1959-11-09', 'quinten.berg17@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 1, now() - interval '384 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 'Scheveningseweg', 122, NULL, '2534EK', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 'Lange Voorhout', 30, '2534EK', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), '0675507385', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 1, 2, 'xtat-1000017-1', 'xbot-1000017-1', 'Bankpas', '8634', '2028-08-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 2, 2, 'xtat-1000017-2', 'xbot-1000017-2', 'OV-pas', '8870', 'OV340016');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 'NL11SNSB6473021323', 'SNSBNL2A', 'Quinten Berg', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000017)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000017)), 'HTM-MND-1000017', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000017), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000017), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000018, 'DEB1000018', 1, 'VAS1000018', 1, 'Visser', 'Visser', NULL, '1955-03-04', 'roos.visser18@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 1, now() - interval '383 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 'Frederik Hendriklaan', 123, NULL, '2585BC', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), '0631667923', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 3528000000018887, '2027-09-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 1, 2, 'xtat-1000018-1', 'xbot-1000018-1', 'Bankpas', '9459', '2028-09-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 'NL02ASNB0199195379', 'ASNBNL21', 'Roos Visser', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000018)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000018)), 'HTM-MND-1000018', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000018), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000018), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000019, 'DEB1000019', 2, 'VAS1000019', 1, 'Smit', 'Smit', NULL, '1983-06-05', 'sem.smit19@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 1, now() - interval '382 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 'Spui', 195, NULL, '2578EK', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 'Frederik Hendriklaan', 165, '2578EK', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), '0622215229', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), '0705380786', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 1, 2, 'xtat-1000019-1', 'xbot-1000019-1', 'Bankpas', '9493', '2028-01-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 'NL28ABNA5112407366', 'ABNANL2A', 'Sem Smit', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000019)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000019)), 'HTM-MND-1000019', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000019), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000019), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000020, 'DEB1000020', 1, 'VAS1000020', 1, 'Boer', 'Boer', 'de', '1999-04-18', 'tess.boer20@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 1, now() - interval '381 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 'Scheveningseweg', 163, NULL, '2559LM', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), '0639936146', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 3528000000021109, '2027-02-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 1, 2, 'xtat-1000020-1', 'xbot-1000020-1', 'Bankpas', '4197', '2028-02-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 2, 2, 'xtat-1000020-2', 'xbot-1000020-2', 'OV-pas', '4922', 'OV340019');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 'NL48INGB7909680535', 'INGBNL2A', 'Tess Boer', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000020)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000020)), 'HTM-MND-1000020', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000020), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000020), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000021, 'DEB1000021', 1, 'VAS1000021', 2, 'Mulder', 'Mulder', NULL, '1997-04-07', 'umut.mulder21@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 1, now() - interval '380 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 'Scheveningseweg', 188, 'A', '2556CD', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 'Spui', 8, '2556CD', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), '0647502921', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 1, 2, 'xtat-1000021-1', 'xbot-1000021-1', 'Bankpas', '8737', '2028-03-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 'NL63RABO1213145426', 'RABONL2U', 'Umut Mulder', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000021)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000021)), 'HTM-MND-1000021', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000021), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000021), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000022, 'DEB1000022', 2, 'VAS1000022', 1, 'Groot', 'Groot', 'de', '1994-10-12', 'vera.groot22@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 1, now() - interval '379 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 'Scheveningseweg', 245, NULL, '2547LM', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), '0658940600', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), '0702351205', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 3528000000023331, '2027-04-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 1, 2, 'xtat-1000022-1', 'xbot-1000022-1', 'Bankpas', '4612', '2028-04-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 'NL97TRIO0538761609', 'TRIONL2U', 'Vera Groot', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000022)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000022)), 'HTM-MND-1000022', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000022), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000022), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000023, 'DEB1000023', 1, 'VAS1000023', 1, 'Bos', 'Bos', NULL, '1980-04-11', 'wout.bos23@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 1, now() - interval '378 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 'Spui', 123, NULL, '2516CD', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 'Scheveningseweg', 205, '2516CD', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), '0696319863', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 1, 2, 'xtat-1000023-1', 'xbot-1000023-1', 'Bankpas', '2389', '2028-05-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 2, 2, 'xtat-1000023-2', 'xbot-1000023-2', 'OV-pas', '2964', 'OV340022');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 'NL82SNSB8302430345', 'SNSBNL2A', 'Wout Bos', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000023)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000023)), 'HTM-MND-1000023', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000023), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000023), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000024, 'DEB1000024', 1, 'VAS1000024', 1, 'Leeuwen', 'Leeuwen', 'van', '2000-12-25', 'xander.leeuwen24@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 1, now() - interval '377 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 'Prinsegracht', 112, NULL, '2515CD', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), '0695341298', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 3528000000025553, '2027-06-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 1, 2, 'xtat-1000024-1', 'xbot-1000024-1', 'Bankpas', '6447', '2028-06-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 'NL30ASNB7495180922', 'ASNBNL21', 'Xander Leeuwen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000024)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000024)), 'HTM-MND-1000024', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000024), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000024), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000025, 'DEB1000025', 2, 'VAS1000025', 2, 'Vries', 'Vries', 'de', '1979-07-24', 'yara.vries25@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 1, now() - interval '376 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 'Prinsegracht', 44, NULL, '2500GH', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 'Prinsegracht', 8, '2500GH', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), '0630287103', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), '0708807342', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 1, 2, 'xtat-1000025-1', 'xbot-1000025-1', 'Bankpas', '3394', '2028-07-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 'NL95ABNA8421359594', 'ABNANL2A', 'Yara Vries', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000025)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000025)), 'HTM-MND-1000025', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000025), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000025), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000026, 'DEB1000026', 1, 'VAS1000026', 1, 'Jansen', 'Jansen', NULL, '1959-09-18', 'zoe.jansen26@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 1, now() - interval '375 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 'Spui', 205, 'A', '2506AA', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), '0697197858', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 3528000000027775, '2027-08-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 1, 2, 'xtat-1000026-1', 'xbot-1000026-1', 'Bankpas', '2683', '2028-08-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 2, 2, 'xtat-1000026-2', 'xbot-1000026-2', 'OV-pas', '9627', 'OV340025');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 'NL94INGB4993044616', 'INGBNL2A', 'Zoe Jansen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000026)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000026)), 'HTM-MND-1000026', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000026), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000026), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000027, 'DEB1000027', 1, 'VAS1000027', 1, 'Dijk', 'Dijk', 'van', '2005-04-27', 'sanne.dijk27@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 1, now() - interval '374 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 'Frederik Hendriklaan', 55, NULL, '2517AA', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 'Frederik Hendriklaan', 129, '2517AA', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), '0642284650', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 1, 2, 'xtat-1000027-1', 'xbot-1000027-1', 'Bankpas', '6341', '2028-09-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 'NL87RABO9803897905', 'RABONL2U', 'Sanne Dijk', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000027)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000027)), 'HTM-MND-1000027', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000027), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000027), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000028, 'DEB1000028', 2, 'VAS1000028', 1, 'Bakker', 'Bakker', NULL, '1976-03-02', 'ruben.bakker28@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 1, now() - interval '373 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 'Zeestraat', 170, NULL, '2584BC', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), '0688295746', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), '0709669808', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 3528000000029997, '2027-01-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 1, 2, 'xtat-1000028-1', 'xbot-1000028-1', 'Bankpas', '7891', '2028-01-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 'NL29TRIO9251558525', 'TRIONL2U', 'Ruben Bakker', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000028)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000028)), 'HTM-MND-1000028', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000028), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000028), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000029, 'DEB1000029', 1, 'VAS1000029', 2, 'Berg', 'Berg', 'van der', '1959-09-17', 'fleur.berg29@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 1, now() - interval '372 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 'Zeestraat', 199, NULL, '2492LM', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 'Prinsegracht', 156, '2492LM', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), '0610527808', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 1, 2, 'xtat-1000029-1', 'xbot-1000029-1', 'Bankpas', '3454', '2028-02-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 2, 2, 'xtat-1000029-2', 'xbot-1000029-2', 'OV-pas', '3823', 'OV340028');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 'NL13SNSB5002958448', 'SNSBNL2A', 'Fleur Berg', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000029)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000029)), 'HTM-MND-1000029', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000029), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000029), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000030, 'DEB1000030', 1, 'VAS1000030', 1, 'Visser', 'Visser', NULL, '1989-12-04', 'thijs.visser30@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 1, now() - interval '371 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 'Scheveningseweg', 175, NULL, '2561AA', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), '0679571586', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 3528000000032219, '2027-03-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 1, 2, 'xtat-1000030-1', 'xbot-1000030-1', 'Bankpas', '9695', '2028-03-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 'NL71ASNB6780571969', 'ASNBNL21', 'Thijs Visser', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000030)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000030)), 'HTM-MND-1000030', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000030), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000030), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000031, 'DEB1000031', 2, 'VAS1000031', 1, 'Smit', 'Smit', NULL, '2000-02-18', 'lotte.smit31@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 1, now() - interval '370 days', now() - interval '20 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 3, now() - interval '20 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 'Laan van Meerdervoort', 71, 'A', '2497AB', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 'Spui', 198, '2497AB', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), '0623119148', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), '0709518027', '0031', 1);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 1, 2, 'xtat-1000031-1', 'xbot-1000031-1', 'Bankpas', '8408', '2028-04-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 'NL79ABNA2512609344', 'ABNANL2A', 'Lotte Smit', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000031)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000031)), 'HTM-MND-1000031', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000031), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000031), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000032, 'DEB1000032', 1, 'VAS1000032', 1, 'Boer', 'Boer', 'de', '1998-02-15', 'bas.boer32@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 1, now() - interval '369 days', now() - interval '19 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 3, now() - interval '19 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 'Laan van Meerdervoort', 178, NULL, '2531EK', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), '0647203213', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 3528000000034441, '2027-05-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 1, 2, 'xtat-1000032-1', 'xbot-1000032-1', 'Bankpas', '8411', '2028-05-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 2, 2, 'xtat-1000032-2', 'xbot-1000032-2', 'OV-pas', '9325', 'OV340031');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 'NL69INGB4143716558', 'INGBNL2A', 'Bas Boer', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000032)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000032)), 'HTM-MND-1000032', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000032), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000032), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000033, 'DEB1000033', 1, 'VAS1000033', 2, 'Mulder', 'Mulder', NULL, '1994-09-09', 'naomi.mulder33@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 1, now() - interval '368 days', now() - interval '18 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 3, now() - interval '18 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 'Zeestraat', 36, NULL, '2561AB', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 'Grote Marktstraat', 32, '2561AB', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), '0662662255', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 1, 2, 'xtat-1000033-1', 'xbot-1000033-1', 'Bankpas', '8243', '2028-06-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 'NL97RABO1457122900', 'RABONL2U', 'Naomi Mulder', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000033)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000033)), 'HTM-MND-1000033', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000033), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000033), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000034, 'DEB1000034', 2, 'VAS1000034', 1, 'Groot', 'Groot', 'de', '1992-04-14', 'joost.groot34@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 1, now() - interval '367 days', now() - interval '17 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 2, now() - interval '17 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 'Frederik Hendriklaan', 201, NULL, '2499AB', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), '0626421523', '0031', 2, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), '0703591184', '0031', 1);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 3528000000036663, '2027-07-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 1, 2, 'xtat-1000034-1', 'xbot-1000034-1', 'Bankpas', '6999', '2028-07-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 'NL93TRIO5009057412', 'TRIONL2U', 'Joost Groot', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000034)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000034)), 'HTM-MND-1000034', 'SIGNED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000034), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000034), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000035, 'DEB1000035', 1, 'VAS1000035', 1, 'Bos', 'Bos', NULL, '1958-08-08', 'femke.bos35@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 1, now() - interval '366 days', now() - interval '16 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 2, now() - interval '16 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 'Grote Marktstraat', 227, NULL, '2585AA', 'Den Haag', 'NL', 1, true);
INSERT INTO address (customer_profile_id, street, house_number, postal_code, city, country, address_type_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 'Zeestraat', 42, '2585AA', 'Den Haag', 'NL', 2);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), '0699635023', '0031', 2, true);
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 1, 2, 'xtat-1000035-1', 'xbot-1000035-1', 'Bankpas', '4665', '2028-08-28T23:59:00+01:00');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, ovpas_number) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 2, 2, 'xtat-1000035-2', 'xbot-1000035-2', 'OV-pas', '3645', 'OV340034');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 'NL64SNSB7428603841', 'SNSBNL2A', 'Femke Bos', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000035)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 1, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000035)), 'HTM-MND-1000035', 'PREPARED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000035), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000035), 'demo-seed', 'demo-seed');
INSERT INTO customer_profile (customer_number, debtor_number, debtor_status_id, vas_customer_number, language_id, birthname, surname, prefix, date_of_birth, email_address)
  VALUES (1000036, 'DEB1000036', 1, 'VAS1000036', 1, 'Leeuwen', 'Leeuwen', 'van', '1982-07-11', 'stijn.leeuwen36@example.nl');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive, to_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 1, now() - interval '365 days', now() - interval '15 days');
INSERT INTO customer_status (customer_profile_id, status_type_id, from_inclusive) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 2, now() - interval '15 days');
INSERT INTO address (customer_profile_id, street, house_number, house_number_suffix, postal_code, city, country, address_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 'Scheveningseweg', 82, 'A', '2543AB', 'Den Haag', 'NL', 1, true);
INSERT INTO phone (customer_profile_id, number, country_code, phone_type_id, is_preferred) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), '0622374072', '0031', 2, true);
INSERT INTO ov_chip_card (customer_profile_id, chip_card_number, valid_until, alias) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 3528000000038885, '2027-09-01', 'Mijn OV-chipkaart');
INSERT INTO ovpay_token (customer_profile_id, token_type_id, token_status_id, x_tat, x_bot, alias, last_digits, expiration_date) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 1, 2, 'xtat-1000036-1', 'xbot-1000036-1', 'Bankpas', '6995', '2028-09-28T23:59:00+01:00');
INSERT INTO billing_information (customer_profile_id, iban, bic, ascription, alias, billing_address_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 'NL88ASNB4478645845', 'ASNBNL21', 'Stijn Leeuwen', 'Betaalrekening', (SELECT min(id) FROM address WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000036)));
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference, mandate_state) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 2, (SELECT min(id) FROM billing_information WHERE customer_profile_id = (SELECT id FROM customer_profile WHERE customer_number = 1000036)), 'HTM-MND-1000036', 'CANCELLED');
INSERT INTO audit_trail (customer_profile_id, action, entity, entity_id, "user", correlation_id) VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000036), 'insert', 'customer', (SELECT id FROM customer_profile WHERE customer_number = 1000036), 'demo-seed', 'demo-seed');
PERFORM setval('customer_number_seq', 1000036);
END
$$;
UPDATE customer_profile SET subject = 'demo-' || customer_number
WHERE subject IS NULL AND customer_number BETWEEN 1000001 AND 1000036;
-- HTM products on a few demo tokens, as fulfilled orders would have put them there: a renewing
-- discount subscription and an ended one on customer 1000001's bank card, and on customer
-- 1000002's OV-pas a product whose template ('33613') an EMV card cannot carry.
INSERT INTO product_instance (ovpay_token_id, product_id, name, status, is_renewable, product_category_id,
                              package_template_id, from_inclusive, until_inclusive, order_id, order_line_id, contract_id)
SELECT t.id, p.product_id, p.name, p.status, p.is_renewable, p.category, p.template, p.from_inclusive, p.until_inclusive,
       p.order_id, p.order_line_id, p.contract_id
FROM (VALUES
    ('xtat-1000001-1', 10, 'HTM 90% Korting', 'Active', true, 1, '10001', '2025-01-01T00:00:00+01:00'::timestamptz,
     NULL::timestamptz, 'd1b0a3c2-0000-4000-8000-000000000001'::uuid, 'd1b0a3c2-0000-4000-8000-000000000101'::uuid,
     'c1b0a3c2-0000-4000-8000-000000000001'::uuid),
    ('xtat-1000001-1', 11, 'HTM Dagkaart', 'Ended', false, 4, '10003', '2025-03-01T00:00:00+01:00',
     '2025-03-01T23:59:59+01:00', 'd1b0a3c2-0000-4000-8000-000000000002', 'd1b0a3c2-0000-4000-8000-000000000102', NULL),
    ('xtat-1000002-2', 12, 'HTM Ooievaarspas korting', 'Active', false, 1, '33613', '2025-02-01T00:00:00+01:00',
     '2026-01-31T23:59:59+01:00', 'd1b0a3c2-0000-4000-8000-000000000003', 'd1b0a3c2-0000-4000-8000-000000000103', NULL)
) AS p(x_tat, product_id, name, status, is_renewable, category, template, from_inclusive, until_inclusive, order_id,
       order_line_id, contract_id)
JOIN ovpay_token t ON t.x_tat = p.x_tat;
-- Demo orders of the SE orders API: customer 1000001's delivered order of the discount
-- subscription above (its product instance points at it), with payment, PSP history and the
-- mandate born from that payment; customer 1000002's paid order for its OV-pas; customer
-- 1000003's concept order, one line on a node of the product tree and one on a sellable leaf for a
-- new bank card with personal account data, and an order customer with an address.
DO $$
DECLARE
    o bigint;
    l bigint;
    t bigint;
    p bigint;
    l1 bigint;
    at1 text;
    at2 text;
BEGIN
IF EXISTS (SELECT 1 FROM sales_order WHERE order_id = 'd1b0a3c2-0000-4000-8000-000000000001') THEN RETURN; END IF;

-- A paid or delivered order is no longer validated: validContents null, as its lines' results.
INSERT INTO sales_order (order_id, external_order_id, customer_profile_id, sales_touchpoint_id, language_id,
                         order_status_id, total_amount, created_on, last_updated_on, valid_contents)
VALUES ('d1b0a3c2-0000-4000-8000-000000000001', 'WEB-1000001-1', (SELECT id FROM customer_profile WHERE customer_number = 1000001),
        3, 1, 5, 1500, '2024-12-20T10:00:00+01:00', '2024-12-20T10:06:00+01:00', NULL)
RETURNING id INTO o;
INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on) VALUES
    (o, 1, 'Order is aangemaakt', '2024-12-20T10:00:00+01:00'),
    (o, 2, 'Betaling is geinitieerd', '2024-12-20T10:02:00+01:00'),
    (o, 3, 'Betaling in behandeling', '2024-12-20T10:03:00+01:00'),
    (o, 4, 'Order succesvol betaald', '2024-12-20T10:05:00+01:00'),
    (o, 5, 'Order is geleverd', '2024-12-20T10:06:00+01:00');
INSERT INTO order_line (order_line_id, sales_order_id, product_id, product_name, product_description, fiko_article_number,
                        tax_code, tax_percentage, quantity, amount_incl_tax, valid_from, order_line_status_id, created_on,
                        last_updated_on)
SELECT 'd1b0a3c2-0000-4000-8000-000000000101', o, id, name, description, fiko_article_number, tax_code, tax_percentage, 1,
       price_incl_tax, '2025-01-01T00:00:00+01:00', 4, '2024-12-20T10:00:00+01:00', '2024-12-20T10:06:00+01:00'
FROM product WHERE id = 10
RETURNING id INTO l;
INSERT INTO order_line_terms (order_line_id, terms_url) VALUES
    (l, 'generalTermsAndConditions.pdf'), (l, 'productTermsAndConditions.pdf');
INSERT INTO order_accounting_status (order_line_id, accounting_status_id, description, created_on)
VALUES (l, 1, 'Financiele transactie voor de FIKO.', '2024-12-20T10:06:00+01:00');
INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id, x_tat, created_on)
SELECT l, token_type_id, id, x_tat, '2024-12-20T10:00:00+01:00' FROM ovpay_token WHERE x_tat = 'xtat-1000001-1'
RETURNING id INTO t;
INSERT INTO purchased_product (order_line_id, customer_token_id, x_tat, product_instance_id, created_on)
SELECT l, t, 'xtat-1000001-1', id, '2024-12-20T10:06:00+01:00' FROM product_instance
WHERE order_line_id = 'd1b0a3c2-0000-4000-8000-000000000101';
INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, htm_payment_reference,
                     psp_payment_reference, created_on)
VALUES (o, 1500, 1, 3, 'HTM-1000001-1', 'Buckaroo-1000001-1', '2024-12-20T10:02:00+01:00')
RETURNING id INTO p;
INSERT INTO payment_status (payment_id, status_code, status_description, status_sub_code, status_sub_description, created_on) VALUES
    (p, '?', 'Initiated', '?', 'PaymentInitiated', '2024-12-20T10:02:00+01:00'),
    (p, '791', 'Pending processing', 'S001', 'PendingProcessing', '2024-12-20T10:03:00+01:00'),
    (p, '190', 'Success', 'S001', 'PaymentSuccessful', '2024-12-20T10:05:00+01:00');
INSERT INTO mandate_input (payment_id, direct_debit_mandate_type_id, bic, iban, ascription, place, created_on,
                           billing_information_id, direct_debit_mandate_id)
SELECT p, m.mandate_type_id, b.bic, b.iban, b.ascription, 'Den Haag', '2024-12-20T10:05:00+01:00', b.id, m.id
FROM direct_debit_mandate m JOIN billing_information b ON b.id = m.billing_information_id
WHERE m.mandate_reference = 'HTM-MND-1000001';

INSERT INTO sales_order (external_order_id, customer_profile_id, sales_touchpoint_id, language_id, order_status_id,
                         total_amount, created_on, last_updated_on, valid_contents)
VALUES ('WEB-1000002-1', (SELECT id FROM customer_profile WHERE customer_number = 1000002), 3, 1, 4, 242,
        '2025-02-03T09:00:00+01:00', '2025-02-03T09:04:00+01:00', NULL)
RETURNING id INTO o;
INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on) VALUES
    (o, 1, 'Order is aangemaakt', '2025-02-03T09:00:00+01:00'),
    (o, 2, 'Betaling is geinitieerd', '2025-02-03T09:02:00+01:00'),
    (o, 4, 'Betaling is succesvol afgerond', '2025-02-03T09:04:00+01:00');
INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number, tax_code,
                        tax_percentage, quantity, amount_incl_tax, valid_from, created_on, last_updated_on)
SELECT o, id, name, description, fiko_article_number, tax_code, tax_percentage, 1, price_incl_tax,
       '2025-03-01T00:00:00+01:00', '2025-02-03T09:00:00+01:00', '2025-02-03T09:00:00+01:00'
FROM product WHERE id = 2
RETURNING id INTO l;
INSERT INTO order_line_terms (order_line_id, terms_url) VALUES
    (l, 'generalTermsAndConditions.pdf'), (l, 'productTermsAndConditions.pdf');
INSERT INTO customer_token (order_line_id, token_type_id, ovpay_token_id, x_tat, created_on)
SELECT l, token_type_id, id, x_tat, '2025-02-03T09:00:00+01:00' FROM ovpay_token WHERE x_tat = 'xtat-1000002-2';
INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, htm_payment_reference,
                     psp_payment_reference, created_on)
VALUES (o, 242, 1, 3, 'HTM-1000002-1', 'Buckaroo-1000002-1', '2025-02-03T09:02:00+01:00')
RETURNING id INTO p;
INSERT INTO payment_status (payment_id, status_code, status_description, status_sub_code, status_sub_description, created_on) VALUES
    (p, '?', 'Initiated', '?', 'PaymentInitiated', '2025-02-03T09:02:00+01:00'),
    (p, '190', 'Success', 'S001', 'PaymentSuccessful', '2025-02-03T09:04:00+01:00');

INSERT INTO sales_order (customer_profile_id, sales_touchpoint_id, language_id, total_amount, created_on, last_updated_on)
VALUES ((SELECT id FROM customer_profile WHERE customer_number = 1000003), 3, 1, 6021,
        '2025-03-10T14:00:00+01:00', '2025-03-10T14:05:00+01:00')
RETURNING id INTO o;
INSERT INTO order_status_history (sales_order_id, order_status_id, description, created_on)
VALUES (o, 1, 'Order is aangemaakt', '2025-03-10T14:00:00+01:00');
INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number, tax_code,
                        tax_percentage, quantity, amount_incl_tax, created_on, last_updated_on)
SELECT o, id, name, description, fiko_article_number, tax_code, tax_percentage, 1, price_incl_tax,
       '2025-03-10T14:00:00+01:00', '2025-03-10T14:00:00+01:00'
FROM product WHERE id = 1
RETURNING id INTO l1;
INSERT INTO order_line (sales_order_id, product_id, product_name, product_description, fiko_article_number, tax_code,
                        tax_percentage, quantity, amount_incl_tax, created_on, last_updated_on)
SELECT o, id, name, description, fiko_article_number, tax_code, tax_percentage, 1, price_incl_tax,
       '2025-03-10T14:01:00+01:00', '2025-03-10T14:05:00+01:00'
FROM product WHERE id = 21
RETURNING id INTO l;
INSERT INTO order_line_terms (order_line_id, terms_url) VALUES
    (l, 'generalTermsAndConditions.pdf'), (l, 'RegiovrijTermsAndConditions.pdf');
INSERT INTO customer_token (order_line_id, token_type_id, service_reference_id, amount, created_on)
VALUES (l, 1, 'NLOVPOOL0000000999', 100, '2025-03-10T14:02:00+01:00')
RETURNING id INTO t;
INSERT INTO personal_account_data (customer_token_id, name, birthdate, challenge_type_id, created_on, last_updated_on)
VALUES (t, 'Chantal Dijk', '1988-05-17', 1, '2025-03-10T14:03:00+01:00', '2025-03-10T14:03:00+01:00');
INSERT INTO order_customer (sales_order_id, birthname, surname, prefix, email_address, date_of_birth)
VALUES (o, 'Chantal', 'Dijk', 'van', 'chantal.dijk3@example.nl', '1988-05-17')
RETURNING id INTO p;
INSERT INTO order_customer_address (order_customer_id, address_type_id, street, house_number, postal_code, city, country)
VALUES (p, 1, 'Grote Marktstraat', 13, '2497 EK', 'Den Haag', 'NL');
-- What the validation of the concept order finds (as every write of it stores it): the line on
-- the node asks for a choice, a start date and a token; the line for the new bank card asks for a
-- start date and a mandate (the customer's is cancelled), and its personal account data is not
-- verified yet (an ERROR), so the order's contents are not valid.
SELECT format('$.orders[?(@.orderId==''%s'')].orderLines[?(@.orderLineId==''%s'')]', s.order_id, l.order_line_id)
INTO at1 FROM sales_order s JOIN order_line l ON l.sales_order_id = s.id WHERE l.id = l1;
SELECT format('$.orders[?(@.orderId==''%s'')].orderLines[?(@.orderLineId==''%s'')]', s.order_id, ol.order_line_id)
INTO at2 FROM sales_order s JOIN order_line ol ON ol.sales_order_id = s.id WHERE ol.id = l;
UPDATE order_line SET validation_result = 'preliminary', validations = jsonb_build_array(
    jsonb_build_object('code', 'PRODUCT_CHOICE_REQUIRED', 'type', 'REMARK', 'path', at1 || '.productId',
                       'detail', 'The chosen product is not a leaf node product. Please choose one of its child products.'),
    jsonb_build_object('code', 'VALIDFROM_REQUIRED', 'type', 'REMARK', 'path', at1 || '.validFrom',
                       'detail', 'A valid ''valid from'' date is required for this product.'),
    jsonb_build_object('code', 'CUSTOMERTOKEN_REQUIRED', 'type', 'REMARK', 'parameter', 'customerTokenId',
                       'detail', 'A valid customer token is required before purchasing this product.'))
WHERE id = l1;
UPDATE order_line SET validation_result = 'invalid', validations = jsonb_build_array(
    jsonb_build_object('code', 'VALIDFROM_REQUIRED', 'type', 'REMARK', 'path', at2 || '.validFrom',
                       'detail', 'A valid ''valid from'' date is required for this product.'),
    jsonb_build_object('code', 'MANDATE_REQUIRED', 'type', 'REMARK', 'parameter', 'directDebitMandateId',
                       'detail', 'A valid mandate is required before purchasing this product.'),
    jsonb_build_object('code', 'PERSONALACCOUNTDATA_NOT_VERIFIED', 'type', 'ERROR',
                       'path', at2 || '.customerTokens[0].personalAccountData.oneTimePassword',
                       'detail', 'The personal account data is not verified: answer its challenge with the one-time password.'))
WHERE id = l;
UPDATE sales_order SET valid_contents = false WHERE id = o;
END
$$;
