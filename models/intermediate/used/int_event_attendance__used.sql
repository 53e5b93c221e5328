{#- The used rows of raw.event_attendance (contract section 5): valid, first
    of their key, naming a live lead where they name one. -#}
{{ used_rows('int_audit__event_attendance', [
    'attendance_id', 'event_id', 'lead_id', 'registered_at', 'attended',
    'attended_at',
]) }}
