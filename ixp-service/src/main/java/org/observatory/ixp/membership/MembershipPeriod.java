package org.observatory.ixp.membership;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One period of an ASN's membership of an IXP, derived from the monthly snapshots. */
@Entity
@Table(name = "membership_period")
public class MembershipPeriod {

    @Id
    public Long id;
    @Column(name = "ixp_id")
    public long ixpId;
    public long asn;
    @Column(name = "start_date")
    public LocalDate startDate;
    /** Null while the membership is open. */
    @Column(name = "end_date")
    public LocalDate endDate;
    @Column(name = "rs_peer")
    public boolean rsPeer;
    public long speed;
    public OffsetDateTime created;
    @Column(name = "first_month")
    public LocalDate firstMonth;
    @Column(name = "last_month")
    public LocalDate lastMonth;
}
