package org.observatory.registry.instance;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * The owner's side of a registered instance. The crawler's columns of the same table are deliberately not
 * mapped (and updates write only changed columns), so that an owner's PATCH never overwrites a crawl.
 */
@Entity
@Table(name = "instance")
@DynamicUpdate
public class Instance extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true, updatable = false)
    public UUID uuid;

    @Column(nullable = false)
    public String url;

    @Column(name = "url_key", nullable = false, unique = true)
    public String urlKey;

    @Column(nullable = false)
    public String contact;

    @Column(nullable = false)
    public String email;

    @Column(nullable = false)
    public String organization;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false, updatable = false)
    public OffsetDateTime registered;
}
