package org.observatory.ixp.membership;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A network (an autonomous system, by ASN) as last described by PeeringDB. */
@Entity
@Table(name = "network")
public class AsNetwork {

    @Id
    public Long asn;
    @Column(name = "peeringdb_id")
    public Long peeringdbId;
    public String name;
    @Column(name = "info_type")
    public String infoType;
    @Column(name = "policy_general")
    public String policyGeneral;
    public OffsetDateTime created;
    public OffsetDateTime updated;
    @Column(name = "source_month")
    public LocalDate sourceMonth;
}
