package org.observatory.ixp.membership;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** An Internet Exchange Point as last described by PeeringDB; written by imports, read through Panache. */
@Entity
@Table(name = "ixp")
public class Ixp {

    @Id
    public Long id;
    public String name;
    @Column(name = "name_long")
    public String nameLong;
    public String city;
    public String country;
    public String website;
    @Column(name = "org_id")
    public Long orgId;
    public OffsetDateTime created;
    public OffsetDateTime updated;
    @Column(name = "source_month")
    public LocalDate sourceMonth;
    /** At least 3 open memberships (Pulse's rule). */
    public boolean active;
}
