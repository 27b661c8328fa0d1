package dev.fairway.cli.commands;

import dev.fairway.cli.AuditCommand;
import dev.fairway.cli.CommandSet;
import dev.fairway.cli.audit.EstimateCommand;
import dev.fairway.cli.audit.IncidentCommand;
import dev.fairway.cli.audit.LocalLaw144Command;
import dev.fairway.cli.audit.SlicesCommand;
import dev.fairway.cli.consent.ConsentCommand;
import dev.fairway.cli.demo.DemoCommand;
import dev.fairway.cli.explain.ExplainCommand;
import dev.fairway.cli.mitigate.MitigateCommand;
import dev.fairway.cli.monitor.MonitorCommand;
import dev.fairway.cli.privacy.MinimiseCommand;
import dev.fairway.cli.privacy.ProxiesCommand;
import dev.fairway.cli.privacy.RiskCommand;
import dev.fairway.cli.rank.FairTableCommand;
import dev.fairway.cli.rank.RankAuditCommand;
import java.util.List;

/**
 * The top-level subcommands of {@code fairway}, in the order its help lists them. This leaf package
 * imports the root package and every subcommand package, and nothing imports it: {@code Fairway} finds
 * it through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.fairway.cli.CommandSet}). To
 * add a command, add one line to the list below.
 *
 * <p>Stateless and thread-safe.
 */
public final class Commands implements CommandSet {

    /** Creates the set; {@link java.util.ServiceLoader} calls this. */
    public Commands() {
    }

    @Override
    public List<Object> commands() {
        return List.of(
                new AuditCommand(),
                new DemoCommand(),
                new ConsentCommand(),
                new ExplainCommand(),
                new ProxiesCommand(),
                new RiskCommand(),
                new MinimiseCommand(),
                new MitigateCommand(),
                new RankAuditCommand(),
                new FairTableCommand(),
                new MonitorCommand(),
                new LocalLaw144Command(),
                new SlicesCommand(),
                new EstimateCommand(),
                new IncidentCommand());
    }
}
