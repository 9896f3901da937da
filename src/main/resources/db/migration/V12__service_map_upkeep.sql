-- Keeping the service map current (DOMAIN.md: "the map must be updated at least every six months"):
-- the coordination group's role, the list of sectors, the reminder of stale entries and the
-- referral pathways per protection concern.

-- A coordination group member maintains the service map and the referral pathways.
alter table user_role drop constraint if exists user_role_role_check;
alter table user_role add constraint user_role_role_check
    check (role in ('CASEWORKER', 'SUPERVISOR', 'DATA_ENTRY_CLERK', 'AGENCY_MANAGER', 'SERVICE_FOCAL_POINT',
                    'AGENCY_ADMIN', 'COORDINATION_VIEWER', 'COORDINATOR', 'SYSTEM_ADMIN'));

-- The sectors of the map, an editable list like the others (another module may ship it too).
insert into lookup_list (name, label_fr, label_en, label_ar, sort_order) values
    ('service_sector', 'Secteurs de services', 'Service sectors', 'قطاعات الخدمات', 50)
on conflict do nothing;
insert into lookup_value (list_name, code, label_fr, label_en, label_ar, sort_order) values
('service_sector', 'health', 'Santé (dont soins aux survivants de VBG, nutrition)', 'Health (including GBV survivor care, nutrition)', 'الصحة (بما فيها رعاية الناجين من العنف القائم على النوع والتغذية)', 10),
('service_sector', 'legal_aid', 'Aide juridique / droits humains', 'Legal aid / human rights', 'المساعدة القانونية / حقوق الإنسان', 20),
('service_sector', 'education', 'Éducation', 'Education', 'التعليم', 30),
('service_sector', 'mhpss', 'Services sociaux et psychosociaux (SMSPS)', 'Social and psychosocial services (MHPSS)', 'الخدمات الاجتماعية والدعم النفسي (الصحة النفسية والدعم النفسي الاجتماعي)', 40),
('service_sector', 'security_police', 'Sécurité et police', 'Security and police', 'الأمن والشرطة', 50),
('service_sector', 'interim_care', 'Prise en charge temporaire (ENA/ES)', 'Interim care (UASC)', 'الرعاية المؤقتة (الأطفال غير المصحوبين والمنفصلين)', 60),
('service_sector', 'ngo_services', 'Services d''ONG et associations', 'NGO and association services', 'خدمات المنظمات غير الحكومية والجمعيات', 70),
('service_sector', 'community_mechanisms', 'Mécanismes communautaires de protection', 'Community-based protection mechanisms', 'آليات الحماية المجتمعية', 80),
('service_sector', 'basic_needs', 'Besoins de base', 'Basic needs', 'الاحتياجات الأساسية', 90)
on conflict do nothing;

-- The verification a stale entry was reminded of (its last_verified_on then): one reminder per
-- staleness; verifying the entry again makes the next staleness news again.
alter table service add column stale_notified_for date;

-- Referral pathways: for a protection concern, and a place (null: everywhere), the recommended
-- steps in order. A pathway of a place wins over one of a place above it, and over the general one.
create table service_pathway (
    id           uuid primary key,
    concern      text not null,
    location_id  uuid references location (id),
    updated_at   timestamptz not null default now(),
    updated_by   uuid references app_user (id),
    version      integer not null default 0
);
create unique index service_pathway_concern_place
    on service_pathway (concern, coalesce(location_id, '00000000-0000-0000-0000-000000000000'::uuid));

create table service_pathway_step (
    pathway_id    uuid not null references service_pathway (id) on delete cascade,
    position      integer not null check (position > 0),
    sector        text not null,
    -- How soon the step must happen, e.g. 72 hours for health care after sexual violence.
    within_hours  integer check (within_hours > 0),
    note          text,
    primary key (pathway_id, position)
);

insert into service_pathway (id, concern, location_id) values
    ('7a1f0c2e-5b1d-4c7e-9a51-0d8e3b6f2a01', 'sexual_violence', null);
insert into service_pathway_step (pathway_id, position, sector, within_hours, note) values
('7a1f0c2e-5b1d-4c7e-9a51-0d8e3b6f2a01', 1, 'health', 72, 'Soins médicaux dans les 72 heures (prophylaxie post-exposition, contraception d''urgence)'),
('7a1f0c2e-5b1d-4c7e-9a51-0d8e3b6f2a01', 2, 'mhpss', null, 'Soutien psychosocial'),
('7a1f0c2e-5b1d-4c7e-9a51-0d8e3b6f2a01', 3, 'legal_aid', null, 'Conseil et assistance juridiques'),
('7a1f0c2e-5b1d-4c7e-9a51-0d8e3b6f2a01', 4, 'security_police', null, 'Seulement avec l''accord éclairé du/de la survivant(e)');
