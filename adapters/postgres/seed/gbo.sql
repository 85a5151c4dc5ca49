-- The GBO stand-in's cards and product templates (README: "Seeded GBO cards"). Idempotent: a
-- card or template that is there already is left as it is. No card here is on a demo profile.

-- Product (package) templates and the token types (1 EMV, 2 OV-pas physical, 3 OV-pas digital)
-- that can carry them. An EMV card cannot carry '33613', the template of the contract's example of
-- a product that does not transfer.
INSERT INTO gbo_package_template (package_template_id, name, token_type_ids) VALUES
    ('10001', 'HTM 90% Korting', '{1,2,3}'),
    ('10002', 'HTM Vrij reizen', '{1,2,3}'),
    ('10003', 'HTM Traject', '{1,2,3}'),
    ('33613', 'HTM Ooievaarspas korting', '{2,3}')
ON CONFLICT (package_template_id) DO NOTHING;

-- The cards the contract's examples name.
INSERT INTO gbo_card (x_tat, x_bot, token_type_id, service_reference_id, amount, ovpas_number,
                      verification_code, last_digits, expiration_date, age_profile,
                      e_purse_status, e_purse_currency, e_purse_amount, e_purse_origin_date) VALUES
    -- The EMV card of the add and replace examples (service reference and amount) and of the
    -- compare examples (xTat); unexpired.
    ('32089cc8-d187-47ff-a3a9-5c2558def811', 'b2089cc8-d187-47ff-a3a9-5c2558def811', 1,
     'NLOV1234567ABCDEFG', 200, NULL, NULL, '1234', '2028-02-01T23:59:00+01:00', NULL, NULL, NULL, NULL, NULL),
    -- The old token of the compare examples, an EMV card without PAD.
    ('e7fa3392-646b-40e2-95a6-c417dc0b0969', 'b7fa3392-646b-40e2-95a6-c417dc0b0969', 1,
     NULL, NULL, NULL, NULL, '4321', '2028-02-01T23:59:00+01:00', NULL, NULL, NULL, NULL, NULL),
    -- The OV-pas of the add example (number and verification code): a fresh card, its e-purse
    -- inactive and empty.
    ('0a345670-0000-4000-8000-000000034567', 'ba345670-0000-4000-8000-000000034567', 2,
     NULL, NULL, 'OV34567', '211', NULL, '2029-08-31T23:59:00+02:00', NULL,
     'INACTIVE', 'EUR', 0, '2024-09-01T00:00:00+02:00')
ON CONFLICT (x_tat) DO NOTHING;

-- Named cards for the compare and transfer cases: xTat c0000000-0000-4000-8000-00000000000N.
INSERT INTO gbo_card (x_tat, x_bot, token_type_id, service_reference_id, amount, ovpas_number,
                      verification_code, last_digits, expiration_date, age_profile,
                      e_purse_status, e_purse_currency, e_purse_amount, e_purse_origin_date,
                      auto_reload_amount, auto_reload_retailer_reference_id, auto_reload_arrit,
                      auto_reload_status, auto_reload_start) VALUES
    -- 1: an EMV card with PAD (name, birthdate, photo), adult.
    ('c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 1,
     'NLOVNAMED000000001', 100, NULL, NULL, '0001', '2029-12-31T23:59:00+01:00', 'Volwassene',
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- 2: an EMV card whose PAD birthdate is marked as inaccurate.
    ('c0000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000002', 1,
     'NLOVNAMED000000002', 100, NULL, NULL, '0002', '2029-12-31T23:59:00+01:00', 'Volwassene',
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- 3: an OV-pas with an active e-purse (12.50 EUR) and an auto-reload registration (5 EUR).
    ('c0000000-0000-4000-8000-000000000003', 'd0000000-0000-4000-8000-000000000003', 2,
     NULL, NULL, 'OVNAMED03', '303', NULL, '2029-12-31T23:59:00+01:00', 'Volwassene',
     'ACTIVE', 'EUR', 1250, '2024-01-15T10:00:00+01:00',
     500, 'RETAILER-0003', 'a0000000-0000-4000-8000-000000000003', 'ACTIVE', '2024-02-01T00:00:00+01:00'),
    -- 4: an expired EMV card.
    ('c0000000-0000-4000-8000-000000000004', 'd0000000-0000-4000-8000-000000000004', 1,
     'NLOVNAMED000000004', 100, NULL, NULL, '0004', '2022-01-01T23:59:00+01:00', NULL,
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- 5: an EMV card with PAD of a child: another age profile than card 1's.
    ('c0000000-0000-4000-8000-000000000005', 'd0000000-0000-4000-8000-000000000005', 1,
     'NLOVNAMED000000005', 100, NULL, NULL, '0005', '2029-12-31T23:59:00+01:00', 'Kind',
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    -- 6: an OV-pas without PAD, its e-purse inactive and empty.
    ('c0000000-0000-4000-8000-000000000006', 'd0000000-0000-4000-8000-000000000006', 2,
     NULL, NULL, 'OVNAMED06', '606', NULL, '2029-12-31T23:59:00+01:00', NULL,
     'INACTIVE', 'EUR', 0, '2024-09-01T00:00:00+02:00', NULL, NULL, NULL, NULL, NULL),
    -- 7: an EMV card whose PAD attributes are all marked, as in the contract's "marked PAD" example.
    ('c0000000-0000-4000-8000-000000000007', 'd0000000-0000-4000-8000-000000000007', 1,
     'NLOVNAMED000000007', 100, NULL, NULL, '0007', '2029-12-31T23:59:00+01:00', 'Volwassene',
     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
ON CONFLICT (x_tat) DO NOTHING;

INSERT INTO gbo_pad_attribute (x_tat, attribute, inaccuracy_flag, inaccuracy_flag_reason,
                               inaccuracy_flag_set_counter, is_validated, change_counter,
                               max_updates_verification_count, last_change_date) VALUES
    ('c0000000-0000-4000-8000-000000000001', 'name', false, NULL, 0, true, 1, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000001', 'birthdate', false, NULL, 0, true, 0, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000001', 'photo', false, NULL, 0, true, 0, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000002', 'name', false, NULL, 0, true, 0, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000002', 'birthdate', true, 'T.B.D', 1, false, 0, 0, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000005', 'name', false, NULL, 0, true, 0, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000005', 'birthdate', false, NULL, 0, true, 0, 3, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000007', 'name', true, 'T.B.D', 1, false, 0, 0, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000007', 'birthdate', true, 'T.B.D', 1, false, 0, 0, '2024-08-24T14:15:22Z'),
    ('c0000000-0000-4000-8000-000000000007', 'photo', true, NULL, 1, false, 0, 0, '2024-08-24T14:15:22Z')
ON CONFLICT (x_tat, attribute) DO NOTHING;

-- The birthdate values of the PADs (the age-profile rule of order lines and the gboAgeProfile
-- query read them), in line with each card's age profile: an adult on the contract's EMV card and
-- on named cards 1, 2, 3 and 7, a child (born 2018) on card 5. The contract's OV-pas, the old token
-- of the compare examples, cards 4 and 6 and the pool have none. Set only on a card without one.
UPDATE gbo_card c SET birthdate = v.birthdate
FROM (VALUES
    ('32089cc8-d187-47ff-a3a9-5c2558def811'::uuid, '1970-01-01'::date),
    ('c0000000-0000-4000-8000-000000000001', '1985-06-12'),
    ('c0000000-0000-4000-8000-000000000002', '1979-11-03'),
    ('c0000000-0000-4000-8000-000000000003', '1982-09-21'),
    ('c0000000-0000-4000-8000-000000000005', '2018-04-15'),
    ('c0000000-0000-4000-8000-000000000007', '1990-02-14')
) AS v(x_tat, birthdate)
WHERE c.x_tat = v.x_tat AND c.birthdate IS NULL;

-- The pool of fresh cards, n = 1..1000, unexpired, without PAD:
--   EMV:    xTat 00000001-0000-4000-8000-<n, 12 digits>, xBot 00000001-0000-4000-9000-<n, 12 digits>,
--           serviceReferenceId 'NLOVPOOL' || <n, 10 digits>, amount 100, lastDigits <n mod 10000, 4 digits>
--   OV-pas: xTat 00000002-0000-4000-8000-<n, 12 digits>, xBot 00000002-0000-4000-9000-<n, 12 digits>,
--           ovpasNumber 'OVP' || <n, 6 digits>, verificationCode '123', e-purse INACTIVE 0 EUR
INSERT INTO gbo_card (x_tat, x_bot, token_type_id, service_reference_id, amount, last_digits, expiration_date)
SELECT ('00000001-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
       ('00000001-0000-4000-9000-' || lpad(n::text, 12, '0'))::uuid,
       1, 'NLOVPOOL' || lpad(n::text, 10, '0'), 100, lpad((n % 10000)::text, 4, '0'),
       '2030-12-31T23:59:00+01:00'
FROM generate_series(1, 1000) AS n
ON CONFLICT (x_tat) DO NOTHING;

INSERT INTO gbo_card (x_tat, x_bot, token_type_id, ovpas_number, verification_code, expiration_date,
                      e_purse_status, e_purse_currency, e_purse_amount)
SELECT ('00000002-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
       ('00000002-0000-4000-9000-' || lpad(n::text, 12, '0'))::uuid,
       2, 'OVP' || lpad(n::text, 6, '0'), '123', '2030-12-31T23:59:00+01:00', 'INACTIVE', 'EUR', 0
FROM generate_series(1, 1000) AS n
ON CONFLICT (x_tat) DO NOTHING;
