package ca.archivium.dnscert.cli;

import ca.archivium.dnscert.api.CertificateArn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one command, split into options and positional arguments. Options are {@code --name value},
 * {@code --name=value} or, for flags, {@code --name} alone; an option that may repeat keeps every value in order.
 */
final class Arguments {
    private final Map<String, List<String>> options;
    private final List<String> positional;

    private Arguments(Map<String, List<String>> options, List<String> positional) {
        this.options = options;
        this.positional = positional;
    }

    /** Which options a command takes. */
    record Spec(Set<String> flags, Set<String> single, Set<String> repeated) {
        boolean takesValue(String option) {
            return single.contains(option) || repeated.contains(option);
        }

        boolean knows(String option) {
            return flags.contains(option) || takesValue(option);
        }
    }

    /** @throws BadArgumentsException for an unknown option, a missing value, or a single option given twice */
    static Arguments parse(List<String> args, Spec spec) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!spec.knows(name)) {
                throw new BadArgumentsException("unknown option " + name);
            }
            String value;
            if (spec.flags().contains(name)) {
                if (equals >= 0) {
                    throw new BadArgumentsException(name + " takes no value");
                }
                value = "";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new BadArgumentsException(name + " needs a value");
            }
            List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
            if (!values.isEmpty() && !spec.repeated().contains(name)) {
                throw new BadArgumentsException(name + " is given more than once");
            }
            values.add(value);
        }
        return new Arguments(options, List.copyOf(positional));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(options.get(name)).map(values -> values.get(0));
    }

    List<String> values(String name) {
        return List.copyOf(options.getOrDefault(name, List.of()));
    }

    /** The one positional argument, such as a certificate ARN. */
    String onlyPositional(String what) {
        if (positional.isEmpty()) {
            throw new BadArgumentsException(what + " is missing");
        }
        if (positional.size() > 1) {
            throw new BadArgumentsException("unexpected argument '" + positional.get(1) + "' after " + what);
        }
        return positional.get(0);
    }

    /**
     * The one positional argument, a certificate ARN, checked against {@code --region} when that is given: a
     * certificate lives in its ARN's region, so another region could only look in the wrong place.
     */
    CertificateArn onlyCertificateArn() {
        String text = onlyPositional("the certificate ARN");
        CertificateArn arn = CertificateArn.parse(text).orElseThrow(() -> new BadArgumentsException("'" + text
            + "' is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"));
        value("--region").filter(region -> !region.equals(arn.region())).ifPresent(region -> {
            throw new BadArgumentsException("--region '" + region + "' is not the certificate's region: its ARN names "
                + arn.region());
        });
        return arn;
    }

    void noPositional() {
        if (!positional.isEmpty()) {
            throw new BadArgumentsException("unexpected argument '" + positional.get(0) + "'");
        }
    }

    /** A whole number of seconds or similar, at least 1. */
    int positiveNumber(String name, int fallback) {
        Optional<String> value = value(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the value
        }
        throw new BadArgumentsException(name + " '" + value.get() + "' is not a whole number of 1 or more");
    }
}
