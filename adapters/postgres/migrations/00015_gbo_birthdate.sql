-- +goose Up
-- The GBO stand-in keeps the value of a card's PAD birthdate (gbo_pad_attribute holds only its
-- metadata): an order line's age-profile rule and the gboAgeProfile query read the holder's
-- birthdate from it when the order names none. Null: GBO knows no birthdate for the card.
ALTER TABLE gbo_card ADD COLUMN birthdate date;

-- +goose Down
ALTER TABLE gbo_card DROP COLUMN birthdate;
