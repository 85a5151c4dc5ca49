-- Payments of orders, what the payment service provider reports about them, the mandates they
-- capture, and fulfilment of paid orders. Every statement runs inside writeOrder's transaction,
-- on an order it has locked.

-- name: LineErrors :many
-- The ERROR findings the last validation stored on an order's lines, in line order.
SELECT l.order_line_id, (f.finding ->> 'code')::text AS code
FROM order_line l, jsonb_array_elements(l.validations) AS f(finding)
WHERE l.sales_order_id = @sales_order_id AND f.finding ->> 'type' = 'ERROR'
ORDER BY l.id;

-- name: InsertPayment :one
INSERT INTO payment (sales_order_id, amount_debit, payment_method_id, sales_touchpoint_id, is_refund,
                     htm_payment_reference, psp_payment_reference)
VALUES (@sales_order_id, @amount_debit, @payment_method_id, @sales_touchpoint_id, @is_refund,
        @htm_payment_reference, @psp_payment_reference)
RETURNING id;

-- name: PaymentByUUID :one
SELECT p.id, p.is_refund, (i.id IS NOT NULL)::boolean AS has_mandate_input
FROM payment p LEFT JOIN mandate_input i ON i.payment_id = p.id
WHERE p.payment_id = @payment_id::uuid;

-- name: SetPaymentReferences :exec
-- The references a report names; one it leaves out keeps its value.
UPDATE payment
SET htm_payment_reference = coalesce(sqlc.narg(htm_payment_reference), htm_payment_reference),
    psp_payment_reference = coalesce(sqlc.narg(psp_payment_reference), psp_payment_reference)
WHERE id = @id;

-- name: InsertPaymentStatus :one
INSERT INTO payment_status (payment_id, status_code, status_description, status_sub_code, status_sub_description,
                            created_on)
VALUES (@payment_id, @status_code, @status_description, @status_sub_code, @status_sub_description, @created_on)
RETURNING id;

-- name: ClearOrderValidation :exec
-- A paid order is no longer validated: its lines' results and findings and its validContents go.
WITH lines AS (
    UPDATE order_line SET validation_result = NULL, validations = '[]' WHERE sales_order_id = @id::bigint
)
UPDATE sales_order SET valid_contents = NULL WHERE sales_order.id = @id::bigint;

-- name: BillingByIBAN :one
-- A profile's billing information of a bank account (the oldest when there are several).
SELECT id FROM billing_information WHERE customer_profile_id = @customer_profile_id AND iban = @iban
ORDER BY id LIMIT 1;

-- name: InsertSignedMandate :one
-- A mandate signed when it was captured, as with a payment's mandate input.
INSERT INTO direct_debit_mandate (customer_profile_id, mandate_type_id, billing_information_id, mandate_reference,
                                  mandate_state)
VALUES (@customer_profile_id, @mandate_type_id, @billing_information_id, @mandate_reference, 'SIGNED')
RETURNING id;

-- name: InsertMandateInput :one
INSERT INTO mandate_input (payment_id, direct_debit_mandate_type_id, bic, iban, ascription, place, created_on)
VALUES (@payment_id, @direct_debit_mandate_type_id, @bic, @iban, @ascription, @place,
        coalesce(sqlc.narg(created_on)::timestamptz, now()))
RETURNING id, mandate_input_id;

-- name: LinkMandateInput :exec
UPDATE mandate_input SET billing_information_id = @billing_information_id, direct_debit_mandate_id = @direct_debit_mandate_id
WHERE id = @id;

-- name: OrderHasSignedMandate :one
-- Whether a payment of the order captured a mandate that is SIGNED.
SELECT EXISTS (
    SELECT 1 FROM payment p
    JOIN mandate_input i ON i.payment_id = p.id
    JOIN direct_debit_mandate m ON m.id = i.direct_debit_mandate_id
    WHERE p.sales_order_id = @sales_order_id AND m.mandate_state = 'SIGNED'
)::boolean;

-- name: FulfilmentLines :many
-- The lines of an order with what fulfilment needs: the product's terms and the line's period:
-- from validFrom or now, until validUntil or from plus the product's duration (has_end false:
-- no end).
SELECT l.id, l.order_line_id, l.product_id, l.product_name, l.order_line_status_id,
       p.product_category_id, p.package_template_id, p.is_renewable, p.requires_customer_token, p.requires_mandate,
       coalesce(l.valid_from, now())::timestamptz AS from_inclusive,
       (l.valid_until IS NOT NULL OR p.duration IS NOT NULL)::boolean AS has_end,
       coalesce(l.valid_until, coalesce(l.valid_from, now()) + coalesce(p.duration, interval '0'))::timestamptz
           AS until_inclusive
FROM order_line l
JOIN product p ON p.id = l.product_id
WHERE l.sales_order_id = @sales_order_id
ORDER BY l.id;

-- name: FulfilmentTokens :many
-- The customer tokens of an order's lines with the profile of the OVpay token they name, per line
-- oldest first.
SELECT t.id, t.order_line_id, t.token_type_id, t.ovpay_token_id, t.service_reference_id, t.amount,
       t.ovpas_number, t.verification_code, o.customer_profile_id AS token_profile_id
FROM customer_token t
JOIN order_line l ON l.id = t.order_line_id
LEFT JOIN ovpay_token o ON o.id = t.ovpay_token_id
WHERE l.sales_order_id = @sales_order_id
ORDER BY t.order_line_id, t.id;

-- name: SetCustomerTokenCard :exec
-- The card a customer token was delivered on: its xTat and, once it is one, the OVpay token.
UPDATE customer_token SET x_tat = @x_tat, ovpay_token_id = coalesce(sqlc.narg(ovpay_token_id), ovpay_token_id)
WHERE id = @id;

-- name: InsertOrderProductInstance :one
-- A product instance an order line put on a token: renewable products get a contract.
INSERT INTO product_instance (ovpay_token_id, product_id, name, status, is_renewable, product_category_id,
                              package_template_id, from_inclusive, until_inclusive, order_id, order_line_id, contract_id)
VALUES (@ovpay_token_id, @product_id, @name, 'Active', @is_renewable, @product_category_id, @package_template_id,
        @from_inclusive, sqlc.narg(until_inclusive), @order_id, @order_line_id,
        CASE WHEN @is_renewable::boolean THEN gen_random_uuid() END)
RETURNING id;

-- name: InsertPurchasedProduct :one
INSERT INTO purchased_product (order_line_id, customer_token_id, x_tat, product_instance_id)
VALUES (@order_line_id, @customer_token_id, @x_tat, @product_instance_id)
RETURNING id;

-- name: DeliverLine :exec
-- A delivered line: its end fixed and its accounting in FIKO opened.
WITH acct AS (
    INSERT INTO order_accounting_status (order_line_id, accounting_status_id, description)
    VALUES (@id::bigint, 1, 'Financiele transactie voor de FIKO.')
)
UPDATE order_line SET order_line_status_id = 4, valid_until = sqlc.narg(valid_until)::timestamptz,
                      last_updated_on = greatest(now(), created_on)
WHERE order_line.id = @id::bigint;
