package io.mlops.agent.backend.openvino;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of OpenVINO's C API ({@code libopenvino_c}, header {@code openvino/c/openvino.h}) the
 * backend calls, bound with JNA. JNA rather than java.lang.foreign: the suite compiles with
 * {@code --release 21}, where the FFM API is still a preview feature that javac refuses without
 * {@code --enable-preview} (and preview class files would not run on other JDKs).
 *
 * <p>Every {@code int} result is an {@code ov_status_e}: 0 is OK. {@code size_t} is a Java
 * {@code long} (64-bit Linux only); enums are {@code int}.
 */
interface OpenVinoC extends Library {
    int ov_core_create(PointerByReference core);

    void ov_core_free(Pointer core);

    int ov_core_read_model(Pointer core, String modelPath, String binPath, PointerByReference model);

    void ov_model_free(Pointer model);

    int ov_model_inputs_size(Pointer model, LongByReference size);

    int ov_model_const_input_by_index(Pointer model, long index, PointerByReference port);

    int ov_model_reshape_by_port_indexes(Pointer model, Pointer portIndexes, Pointer partialShapes, long size);

    int ov_port_get_any_name(Pointer port, PointerByReference name);

    int ov_port_get_partial_shape(Pointer port, Pointer partialShape);

    int ov_port_get_element_type(Pointer port, IntByReference type);

    void ov_output_const_port_free(Pointer port);

    void ov_partial_shape_free(Pointer partialShape);

    void ov_free(Pointer content);

    /** Properties follow as (String key, String value) pairs; propertyArgsSize counts keys and values. */
    int ov_core_compile_model(
            Pointer core,
            Pointer model,
            String device,
            long propertyArgsSize,
            PointerByReference compiledModel,
            Object... properties);

    void ov_compiled_model_free(Pointer compiledModel);

    int ov_compiled_model_inputs_size(Pointer compiledModel, LongByReference size);

    int ov_compiled_model_input_by_index(Pointer compiledModel, long index, PointerByReference port);

    int ov_compiled_model_outputs_size(Pointer compiledModel, LongByReference size);

    int ov_compiled_model_output_by_index(Pointer compiledModel, long index, PointerByReference port);

    int ov_compiled_model_create_infer_request(Pointer compiledModel, PointerByReference request);

    void ov_infer_request_free(Pointer request);

    int ov_infer_request_set_input_tensor_by_index(Pointer request, long index, Pointer tensor);

    int ov_infer_request_infer(Pointer request);

    int ov_infer_request_get_output_tensor_by_index(Pointer request, long index, PointerByReference tensor);

    int ov_tensor_create_from_host_ptr(
            int elementType, Shape.ByValue shape, Pointer hostData, PointerByReference tensor);

    int ov_tensor_create(int elementType, Shape.ByValue shape, PointerByReference tensor);

    int ov_tensor_get_shape(Pointer tensor, Shape shape);

    int ov_shape_free(Shape shape);

    int ov_tensor_get_element_type(Pointer tensor, IntByReference type);

    int ov_tensor_get_byte_size(Pointer tensor, LongByReference size);

    int ov_tensor_data(Pointer tensor, PointerByReference data);

    void ov_tensor_free(Pointer tensor);

    int ov_get_openvino_version(Version version);

    void ov_version_free(Version version);

    String ov_get_error_info(int status);

    int ov_core_get_available_devices(Pointer core, AvailableDevices devices);

    void ov_available_devices_free(AvailableDevices devices);

    String ov_get_last_err_msg();

    /** {@code ov_shape_t}: a static shape, {@code {int64_t rank; int64_t* dims;}}. */
    @Structure.FieldOrder({"rank", "dims"})
    class Shape extends Structure {
        public long rank;
        public Pointer dims;

        /** The same struct passed by value, as {@code ov_tensor_create_from_host_ptr} takes it. */
        public static class ByValue extends Shape implements Structure.ByValue {}
    }

    /** {@code ov_version_t}: {@code {const char* buildNumber; const char* description;}}. */
    @Structure.FieldOrder({"buildNumber", "description"})
    class Version extends Structure {
        public String buildNumber;
        public String description;
    }

    /** {@code ov_available_devices_t}: {@code {char** devices; size_t size;}}. */
    @Structure.FieldOrder({"devices", "size"})
    class AvailableDevices extends Structure {
        public Pointer devices;
        public long size;
    }
}
