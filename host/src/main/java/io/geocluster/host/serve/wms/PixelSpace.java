package io.geocluster.host.serve.wms;

/**
 * The affine map from the request's CRS (x/y) to image pixels: x grows to the right, y grows
 * downwards, and pixel (i, j) covers [i, i+1) × [j, j+1), so its centre is (i + 0.5, j + 0.5).
 */
record PixelSpace(Bounds bbox, int width, int height) {
    /** Pixel column coordinate of map x. */
    double x(double mapX) {
        return (mapX - bbox.minX()) / bbox.width() * width;
    }

    /** Pixel row coordinate of map y. */
    double y(double mapY) {
        return (bbox.maxY() - mapY) / bbox.height() * height;
    }

    /** Map x of the centre of pixel column {@code i}. */
    double centreX(int i) {
        return bbox.minX() + (i + 0.5) * bbox.width() / width;
    }

    /** Map y of the centre of pixel row {@code j}. */
    double centreY(int j) {
        return bbox.maxY() - (j + 0.5) * bbox.height() / height;
    }
}
