-- PostgreSQL translation of migrations/sqlite/20261215000014_company_need.sql.
-- Company needs (기술 수요): a company posts a challenge without naming a researcher; staff
-- forward it to the researchers need matching proposes, and it is followed like an inquiry.
ALTER TABLE inquiry ADD COLUMN origin TEXT NOT NULL DEFAULT 'inquiry'
    CONSTRAINT inquiry_origin_check CHECK (origin IN ('inquiry', 'need'));
ALTER TABLE inquiry ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
