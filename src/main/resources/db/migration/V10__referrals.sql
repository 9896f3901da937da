-- SOP settings of referrals and transfers: how soon a referral must be answered, per urgency
-- (the referral's urgency uses the risk level scale); how many days the receiving agency may
-- still read the shared part after a referral is closed (0: not at all); how many days the
-- sending agency may still read what it recorded on a case it transferred (0: not at all).
insert into sop_setting (name, risk_level, value) values
    ('referral_response', 'high', 'PT24H'), ('referral_response', 'medium', 'P3D'), ('referral_response', 'low', 'P7D'),
    ('referral_read_days_after_close', 'any', '30'),
    ('transfer_sender_read_days', 'any', '90');
