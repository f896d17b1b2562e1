package io.mlops.eval.coco;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The COCO detection summary, as COCOeval.summarize prints it; -1 where a number is undefined (no
 * ground truth in that area range or category), as COCOeval does.
 *
 * @param mAP AP at IoU .50:.95, all areas, 100 detections
 * @param mAP50 AP at IoU .50
 * @param mAP75 AP at IoU .75
 * @param mAPSmall AP for small objects (area below 32²)
 * @param mAPMedium AP for medium objects
 * @param mAPLarge AP for large objects (area above 96²)
 * @param ar1 AR with 1 detection per image
 * @param ar10 AR with 10
 * @param ar100 AR with 100
 * @param arSmall AR for small objects
 * @param arMedium AR for medium objects
 * @param arLarge AR for large objects
 * @param apPerClass AP at IoU .50:.95 by category name
 * @param precisionAt50 per category (in the order of {@code apPerClass}), precision at the 101
 *     recall thresholds for IoU .50: the PR curves
 * @param images images evaluated
 * @param detections detections evaluated
 */
public record DetectionMetrics(
        double mAP,
        double mAP50,
        double mAP75,
        double mAPSmall,
        double mAPMedium,
        double mAPLarge,
        double ar1,
        double ar10,
        double ar100,
        double arSmall,
        double arMedium,
        double arLarge,
        Map<String, Double> apPerClass,
        List<List<Double>> precisionAt50,
        long images,
        long detections)
        implements Serializable {
    /** Copies the collections, keeping the category order. */
    public DetectionMetrics {
        apPerClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(apPerClass));
        precisionAt50 = precisionAt50.stream().map(List::copyOf).toList();
    }

    /**
     * The twelve numbers in COCOeval's stats order.
     *
     * @return AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl
     */
    public double[] stats() {
        return new double[] {
            mAP, mAP50, mAP75, mAPSmall, mAPMedium, mAPLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge
        };
    }

    /**
     * The metrics gates and reports use, by name.
     *
     * @return e.g. {@code mAP}, {@code mAP50}, {@code AR100}, {@code AP[person]}
     */
    public Map<String, Double> named() {
        Map<String, Double> named = new LinkedHashMap<>();
        String[] names = {
            "mAP",
            "mAP50",
            "mAP75",
            "mAP_small",
            "mAP_medium",
            "mAP_large",
            "AR1",
            "AR10",
            "AR100",
            "AR_small",
            "AR_medium",
            "AR_large"
        };
        double[] stats = stats();
        for (int i = 0; i < names.length; i++) {
            named.put(names[i], stats[i]);
        }
        apPerClass.forEach((name, ap) -> named.put("AP[" + name + "]", ap));
        return named;
    }
}
